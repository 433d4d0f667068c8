using System.Collections;

namespace Reach.Scanning;

/// <summary>
/// The order of a scan: every (host, port) pair of a <c>hostCount × portCount</c> space exactly once, in a
/// pseudo-random order fixed by a seed, computed on the fly. Nothing proportional to the space is allocated: the
/// order is a bijective permutation of the pair numbers <c>0 .. N-1</c> (N = hostCount × portCount), like the
/// address permutation of masscan and zmap, so <c>10.0.0.0/8 -p 443</c> costs the memory of <c>/24</c>.
/// </summary>
/// <remarks>
/// <para>
/// The permutation is a 4-round balanced Feistel network over the smallest power of 4 that is at least N (an even
/// number of bits, split into two halves), keyed by round keys derived from the seed with SplitMix64. A Feistel
/// network is a bijection on its domain whatever its round function; values at or above N are mapped again
/// ("cycle walking") until one falls below N, which keeps it a bijection on 0 .. N-1. The domain is less than 4N,
/// so fewer than 4 rounds of walking are needed on average.
/// </para>
/// <para>
/// Pair number v is host <c>v / portCount</c>, port index <c>v % portCount</c>. Sharding splits the permuted
/// sequence, not the space: shard i of n (0-based i) takes positions i, i + n, i + 2n, ... Shards built with the
/// same seed and sizes are disjoint and together cover the space; each is itself spread over all hosts and ports.
/// </para>
/// </remarks>
public sealed class ScanOrder : IEnumerable<(long Host, int Port)>
{
    /// <summary>The largest space (hosts × ports) an order covers: 2^62 pairs.</summary>
    public const long MaxSize = 1L << 62;

    private readonly int halfBits;
    private readonly ulong halfMask;
    private readonly ulong key0;
    private readonly ulong key1;
    private readonly ulong key2;
    private readonly ulong key3;

    /// <param name="hostCount">How many hosts (the <see cref="AddressSpace.Count"/>).</param>
    /// <param name="portCount">How many ports (the <see cref="PortSet.Count"/>).</param>
    /// <param name="seed">The same seed gives the same order.</param>
    /// <param name="shardIndex">Which shard, 0-based (the K of <c>--shard K/N</c> minus one).</param>
    /// <param name="shardCount">How many shards the order is split into.</param>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative, the space exceeds <see cref="MaxSize"/>, or the
    /// shard is not 0 ≤ <paramref name="shardIndex"/> &lt; <paramref name="shardCount"/>.</exception>
    public ScanOrder(long hostCount, int portCount, ulong seed, int shardIndex = 0, int shardCount = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(hostCount);
        ArgumentOutOfRangeException.ThrowIfNegative(portCount);
        ArgumentOutOfRangeException.ThrowIfLessThan(shardCount, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(shardIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(shardIndex, shardCount);
        if (portCount > 0 && hostCount > MaxSize / portCount)
        {
            throw new ArgumentOutOfRangeException(nameof(hostCount), hostCount, $"{hostCount} hosts × {portCount} ports is more than 2^62 pairs");
        }

        HostCount = hostCount;
        PortCount = portCount;
        Seed = seed;
        ShardIndex = shardIndex;
        ShardCount = shardCount;
        SpaceSize = hostCount * portCount;
        Count = SpaceSize <= shardIndex ? 0 : ((SpaceSize - shardIndex - 1) / shardCount) + 1;

        var bits = 2;
        while (bits < 62 && (1UL << bits) < (ulong)SpaceSize)
        {
            bits += 2;
        }

        halfBits = bits / 2;
        halfMask = (1UL << halfBits) - 1;

        var state = seed;
        key0 = SplitMix64(ref state);
        key1 = SplitMix64(ref state);
        key2 = SplitMix64(ref state);
        key3 = SplitMix64(ref state);
    }

    /// <summary>An order over a shard given as <c>--shard K/N</c>.</summary>
    public ScanOrder(long hostCount, int portCount, ulong seed, ShardSpec shard)
        : this(hostCount, portCount, seed, shard.Index, shard.Count)
    {
    }

    public long HostCount { get; }

    public int PortCount { get; }

    public ulong Seed { get; }

    /// <summary>The shard, 0-based.</summary>
    public int ShardIndex { get; }

    public int ShardCount { get; }

    /// <summary>How many pairs the whole space holds (all shards): hosts × ports.</summary>
    public long SpaceSize { get; }

    /// <summary>How many pairs this shard visits.</summary>
    public long Count { get; }

    /// <summary>
    /// The <paramref name="index"/>-th pair this shard visits (0-based), computed directly: a scan can resume at any
    /// point without replaying the ones before.
    /// </summary>
    public (long Host, int Port) this[long index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            var value = Permute(ShardIndex + (index * ShardCount));
            return (value / PortCount, (int)(value % PortCount));
        }
    }

    /// <summary>
    /// True when this shard visits the pair (<paramref name="host"/>, <paramref name="portIndex"/>): the permutation
    /// run backwards, so a report can tell a port another shard scans from one that gave no answer here.
    /// </summary>
    public bool Contains(long host, int portIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(host);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(host, HostCount);
        ArgumentOutOfRangeException.ThrowIfNegative(portIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(portIndex, PortCount);
        return ShardCount == 1 || PositionOf((host * PortCount) + portIndex) % ShardCount == ShardIndex;
    }

    /// <summary>Enumerates this shard's pairs without allocating.</summary>
    public Enumerator GetEnumerator() => new(this);

    IEnumerator<(long Host, int Port)> IEnumerable<(long Host, int Port)>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The pair number at a position of the whole permuted sequence (0 ≤ position &lt; <see cref="SpaceSize"/>).</summary>
    internal long Permute(long position)
    {
        var value = Encrypt((ulong)position);
        while (value >= (ulong)SpaceSize)
        {
            value = Encrypt(value);
        }

        return (long)value;
    }

    /// <summary>The position of a pair number in the whole permuted sequence: the inverse of <see cref="Permute"/>.</summary>
    internal long PositionOf(long pair)
    {
        // Cycle walking backwards: Permute walked forward from the position through values at or above N, so
        // walking back from the pair passes the same values until it reaches the position, the first one below N.
        var value = Decrypt((ulong)pair);
        while (value >= (ulong)SpaceSize)
        {
            value = Decrypt(value);
        }

        return (long)value;
    }

    private ulong Encrypt(ulong value)
    {
        var left = value >> halfBits;
        var right = value & halfMask;
        Round(ref left, ref right, key0);
        Round(ref left, ref right, key1);
        Round(ref left, ref right, key2);
        Round(ref left, ref right, key3);
        return (left << halfBits) | right;
    }

    private ulong Decrypt(ulong value)
    {
        var left = value >> halfBits;
        var right = value & halfMask;
        InverseRound(ref left, ref right, key3);
        InverseRound(ref left, ref right, key2);
        InverseRound(ref left, ref right, key1);
        InverseRound(ref left, ref right, key0);
        return (left << halfBits) | right;
    }

    /// <summary>Undoes <see cref="Round"/>: its new left half is the old right half, from which the old left half follows.</summary>
    private void InverseRound(ref ulong left, ref ulong right, ulong key)
    {
        var previousLeft = right ^ (Mix(left ^ key) & halfMask);
        right = left;
        left = previousLeft;
    }

    private void Round(ref ulong left, ref ulong right, ulong key)
    {
        var mixed = left ^ (Mix(right ^ key) & halfMask);
        left = right;
        right = mixed;
    }

    /// <summary>A 64-bit finaliser (MurmurHash3's fmix64 constants): every input bit affects every output bit.</summary>
    private static ulong Mix(ulong z)
    {
        z ^= z >> 33;
        z *= 0xFF51AFD7ED558CCDUL;
        z ^= z >> 33;
        z *= 0xC4CEB9FE1A85EC53UL;
        z ^= z >> 33;
        return z;
    }

    private static ulong SplitMix64(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        var z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Walks a shard of a <see cref="ScanOrder"/>; a struct, so <c>foreach</c> allocates nothing.</summary>
    public struct Enumerator : IEnumerator<(long Host, int Port)>
    {
        private readonly ScanOrder order;
        private long next;

        internal Enumerator(ScanOrder order)
        {
            this.order = order;
            next = 0;
            Current = default;
        }

        public (long Host, int Port) Current { get; private set; }

        readonly object IEnumerator.Current => Current;

        public bool MoveNext()
        {
            if (next >= order.Count)
            {
                return false;
            }

            Current = order[next];
            next++;
            return true;
        }

        public void Reset()
        {
            next = 0;
            Current = default;
        }

        public readonly void Dispose()
        {
        }
    }
}
