using FsCheck;
using FsCheck.Fluent;
using Reach.Scanning;

namespace Reach.Core.Tests.Scanning;

public class ScanOrderTests
{
    /// <summary>
    /// Host counts that stress the permutation: 1, small odd sizes, primes, and sizes just below, at and above powers
    /// of two and of four (the Feistel domain is a power of 4, so 4^k + 1 walks the most).
    /// </summary>
    private static readonly Gen<long> HostCounts = Gen.OneOf(
        Gen.Elements(1L, 2L, 3L, 5L, 7L, 13L, 31L, 97L, 251L, 257L, 1021L),
        Gen.Elements(3L, 4L, 5L, 15L, 16L, 17L, 63L, 64L, 65L, 255L, 256L, 1023L, 1024L, 1025L),
        Gen.Choose(1, 600).Select(n => (long)n));

    private static readonly Gen<int> PortCounts = Gen.OneOf(Gen.Elements(1, 2, 3, 4, 5, 7), Gen.Choose(1, 12));

    private static readonly Gen<(long Hosts, int Ports)> Sizes =
        from hosts in HostCounts
        from ports in PortCounts
        select (hosts, ports);

    private static readonly Gen<ulong> Seeds =
        Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), 8).Select(b => BitConverter.ToUInt64(b));

    [FsCheck.Xunit.Property]
    public Property EveryPair_ExactlyOnce() => Prop.ForAll(
        Arb.From(HostCounts),
        Arb.From(PortCounts),
        Arb.From(Seeds),
        (hosts, ports, seed) =>
        {
            var order = new ScanOrder(hosts, ports, seed);
            var seen = new HashSet<(long, int)>();
            var count = 0L;
            foreach (var (host, port) in order)
            {
                if (host < 0 || host >= hosts || port < 0 || port >= ports || !seen.Add((host, port)))
                {
                    return false;
                }

                count++;
            }

            return count == hosts * ports && order.Count == count && order.SpaceSize == count;
        });

    [FsCheck.Xunit.Property]
    public Property Shards_AreDisjointAndComplete() => Prop.ForAll(
        Arb.From(Sizes),
        Arb.From(Seeds),
        Arb.From(Gen.Choose(1, 9)),
        (size, seed, shardCount) =>
        {
            var (hosts, ports) = size;
            var seen = new HashSet<(long, int)>();
            var total = 0L;
            for (var shard = 0; shard < shardCount; shard++)
            {
                var order = new ScanOrder(hosts, ports, seed, shard, shardCount);
                foreach (var pair in order)
                {
                    if (!seen.Add(pair))
                    {
                        return false;
                    }
                }

                total += order.Count;
            }

            return total == hosts * ports && seen.Count == hosts * ports;
        });

    [FsCheck.Xunit.Property]
    public Property Shards_TakeEveryNthPositionOfTheWholeOrder() => Prop.ForAll(
        Arb.From(HostCounts),
        Arb.From(Seeds),
        Arb.From(Gen.Choose(1, 6)),
        (hosts, seed, shardCount) =>
        {
            var whole = new ScanOrder(hosts, 3, seed).ToList();
            return Enumerable.Range(0, shardCount).All(shard =>
                new ScanOrder(hosts, 3, seed, shard, shardCount).SequenceEqual(whole.Where((_, i) => i % shardCount == shard)));
        });

    /// <summary>--down asks, for each host and port, whether this shard scanned it: exactly the pairs it enumerates.</summary>
    [FsCheck.Xunit.Property]
    public Property Contains_IsTrueExactlyForThePairsTheShardVisits() => Prop.ForAll(
        Arb.From(Sizes),
        Arb.From(Seeds),
        Arb.From(Gen.Choose(1, 6)),
        (size, seed, shardCount) =>
        {
            var (hosts, ports) = size;
            return Enumerable.Range(0, shardCount).All(shard =>
            {
                var order = new ScanOrder(hosts, ports, seed, shard, shardCount);
                var visited = order.ToHashSet();
                for (var host = 0L; host < hosts; host++)
                {
                    for (var port = 0; port < ports; port++)
                    {
                        if (order.Contains(host, port) != visited.Contains((host, port)))
                        {
                            return false;
                        }
                    }
                }

                return true;
            });
        });

    [FsCheck.Xunit.Property]
    public Property PositionOf_InvertsPermute() => Prop.ForAll(
        Arb.From(Sizes),
        Arb.From(Seeds),
        (size, seed) =>
        {
            var order = new ScanOrder(size.Hosts, size.Ports, seed);
            for (var position = 0L; position < order.SpaceSize; position++)
            {
                if (order.PositionOf(order.Permute(position)) != position)
                {
                    return false;
                }
            }

            return true;
        });

    [FsCheck.Xunit.Property]
    public Property SameSeed_SameOrder() => Prop.ForAll(
        Arb.From(HostCounts),
        Arb.From(PortCounts),
        Arb.From(Seeds),
        (hosts, ports, seed) => new ScanOrder(hosts, ports, seed).SequenceEqual(new ScanOrder(hosts, ports, seed)));

    [FsCheck.Xunit.Property]
    public Property OtherSeed_OtherOrder() => Prop.ForAll(
        Arb.From(Gen.Choose(100, 5000).Select(n => (long)n)),
        Arb.From(Seeds),
        Arb.From(Seeds),
        (hosts, seed, other) => seed == other || !new ScanOrder(hosts, 1, seed).SequenceEqual(new ScanOrder(hosts, 1, other)));

    [FsCheck.Xunit.Property]
    public Property Indexer_MatchesEnumeration() => Prop.ForAll(
        Arb.From(Sizes),
        Arb.From(Seeds),
        Arb.From(Gen.Choose(1, 4)),
        (size, seed, shardCount) =>
        {
            var order = new ScanOrder(size.Hosts, size.Ports, seed, shardCount - 1, shardCount);
            var i = 0L;
            foreach (var pair in order)
            {
                if (order[i++] != pair)
                {
                    return false;
                }
            }

            return i == order.Count;
        });

    [Fact]
    public void Order_IsShuffled()
    {
        var order = new ScanOrder(10_000, 1, seed: 42).Select(p => p.Host).ToList();
        var fixedPoints = order.Where((host, i) => host == i).Count();
        var ascendingSteps = order.Zip(order.Skip(1)).Count(p => p.Second == p.First + 1);
        Assert.True(fixedPoints < 20, $"{fixedPoints} hosts stay in place");
        Assert.True(ascendingSteps < 20, $"{ascendingSteps} steps go to the next host");
    }

    [Fact]
    public void HugeSpace_FirstItems_AllocateNothingProportional()
    {
        // 10.0.0.0/8 -p 443: 2^24 pairs; the order must not allocate per pair, nor a table of the space.
        var before = GC.GetAllocatedBytesForCurrentThread();
        var order = new ScanOrder(1L << 24, 1, seed: 7);
        var visited = 0;
        long checksum = 0;
        foreach (var (host, port) in order)
        {
            checksum += host + port;
            if (++visited == 1000)
            {
                break;
            }
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(1000, visited);
        Assert.True(checksum > 0);
        Assert.True(allocated < 1024, $"{allocated} bytes allocated");
    }

    [Fact]
    public void LargestSpace_IndexesItsLastPair()
    {
        var order = new ScanOrder(ScanOrder.MaxSize / 65535, 65535, seed: 1, shardIndex: 2, shardCount: 3);
        var (host, port) = order[order.Count - 1];
        Assert.InRange(host, 0, order.HostCount - 1);
        Assert.InRange(port, 0, 65534);
    }

    [Theory]
    [InlineData(0, 5)]
    [InlineData(5, 0)]
    [InlineData(0, 0)]
    public void EmptySpace_HasNothing(long hosts, int ports)
    {
        var order = new ScanOrder(hosts, ports, seed: 1);
        Assert.Equal(0, order.Count);
        Assert.Empty(order);
    }

    [Fact]
    public void MoreShardsThanPairs_LeavesSomeShardsEmpty()
    {
        Assert.Equal(1, new ScanOrder(3, 1, 9, shardIndex: 2, shardCount: 5).Count);
        Assert.Equal(0, new ScanOrder(3, 1, 9, shardIndex: 3, shardCount: 5).Count);
    }

    [Fact]
    public void ShardSpec_IsOneBased()
    {
        Assert.True(ShardSpec.TryParse("2/4", out var shard, out _));
        var order = new ScanOrder(100, 2, 5, shard);
        Assert.Equal(1, order.ShardIndex);
        Assert.Equal(4, order.ShardCount);
        Assert.Equal(new ScanOrder(100, 2, 5, 1, 4), order);
    }

    [Fact]
    public void Constructor_RejectsBadArguments()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ScanOrder(-1, 1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ScanOrder(1, -1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ScanOrder(1, 1, 0, shardIndex: 1, shardCount: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ScanOrder(1, 1, 0, shardIndex: -1, shardCount: 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ScanOrder(1, 1, 0, shardIndex: 0, shardCount: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ScanOrder((ScanOrder.MaxSize / 2) + 1, 2, 0));
        var order = new ScanOrder(2, 2, 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => order[4]);
        Assert.Throws<ArgumentOutOfRangeException>(() => order[-1]);
    }
}
