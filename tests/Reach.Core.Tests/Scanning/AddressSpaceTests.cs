using System.Net;
using System.Net.Sockets;
using FsCheck;
using FsCheck.Fluent;
using Reach.Scanning;

namespace Reach.Core.Tests.Scanning;

public class AddressSpaceTests
{
    [Fact]
    public void Create_Slash24_Has256AddressesInOrder()
    {
        var space = AddressSpace.Create([Spec("10.0.0.0/24")]);
        Assert.Equal(256, space.Count);
        Assert.Equal(IPAddress.Parse("10.0.0.0"), space.GetAddress(0));
        Assert.Equal(IPAddress.Parse("10.0.0.255"), space.GetAddress(255));
        Assert.Equal(space.Select(a => a.ToString()), Enumerable.Range(0, 256).Select(i => $"10.0.0.{i}"));
    }

    [Fact]
    public void Create_Slash8_CostsOneRange()
    {
        var space = AddressSpace.Create([Spec("10.0.0.0/8")], [Spec("10.1.0.0/16")]);
        Assert.Equal((1L << 24) - (1L << 16), space.Count);
        Assert.Equal(2, space.Ranges.Count);
        Assert.Equal(IPAddress.Parse("10.0.255.255"), space.GetAddress((1L << 16) - 1));
        Assert.Equal(IPAddress.Parse("10.2.0.0"), space.GetAddress(1L << 16));
        Assert.Equal(IPAddress.Parse("10.255.255.255"), space.GetAddress(space.Count - 1));
    }

    [Fact]
    public void Create_ExclusionsSplitRanges()
    {
        // --exclude 10.0.0.5,10.0.0.128/25 on 10.0.0.0/24: 0-4, 6-127.
        var space = AddressSpace.Create([Spec("10.0.0.0/24")], [Spec("10.0.0.5"), Spec("10.0.0.128/25")]);
        Assert.Equal(["10.0.0.0-10.0.0.4", "10.0.0.6-10.0.0.127"], space.Ranges.Select(r => r.ToString()));
        Assert.Equal(127, space.Count);
        Assert.Equal(IPAddress.Parse("10.0.0.4"), space.GetAddress(4));
        Assert.Equal(IPAddress.Parse("10.0.0.6"), space.GetAddress(5));
        Assert.Equal(IPAddress.Parse("10.0.0.127"), space.GetAddress(126));
        Assert.False(space.Contains(IPAddress.Parse("10.0.0.5")));
        Assert.False(space.Contains(IPAddress.Parse("10.0.0.200")));
    }

    [Fact]
    public void Create_ExclusionSpanningSeveralRanges()
    {
        var space = AddressSpace.Create(
            [Spec("10.0.0.0-10.0.0.9"), Spec("10.0.0.20-10.0.0.29"), Spec("10.0.0.40-10.0.0.49")],
            [Spec("10.0.0.5-10.0.0.45")]);
        Assert.Equal(["10.0.0.0-10.0.0.4", "10.0.0.46-10.0.0.49"], space.Ranges.Select(r => r.ToString()));
        Assert.Equal(9, space.Count);
    }

    [Fact]
    public void Create_ExcludingEverything_IsEmpty()
    {
        var space = AddressSpace.Create([Spec("10.0.0.0/24"), Spec("fd00::/120")], [Spec("0.0.0.0/0"), Spec("::/0", HostSpecRole.Exclusion)]);
        Assert.Equal(0, space.Count);
        Assert.Empty(space);
        Assert.Throws<ArgumentOutOfRangeException>(() => space.GetAddress(0));
    }

    [Fact]
    public void Create_OverlapsAndDuplicatesCountOnce()
    {
        var space = AddressSpace.Create([Spec("10.0.0.0/25"), Spec("10.0.0.100-10.0.0.200"), Spec("10.0.0.7"), Spec("10.0.0.0/24")]);
        Assert.Equal(256, space.Count);
        Assert.Single(space.Ranges);
    }

    [Fact]
    public void Create_AdjacentRangesMerge()
    {
        var space = AddressSpace.Create([Spec("10.0.1.0/24"), Spec("10.0.0.0/24"), Spec("10.0.2.0")]);
        Assert.Equal("10.0.0.0-10.0.2.0", Assert.Single(space.Ranges).ToString());
    }

    [Fact]
    public void Create_IPv4ComesBeforeIPv6()
    {
        var space = AddressSpace.Create([Spec("fd00::/126"), Spec("10.0.0.0/30")]);
        Assert.Equal(8, space.Count);
        Assert.Equal(["10.0.0.0", "10.0.0.1", "10.0.0.2", "10.0.0.3", "fd00::", "fd00::1", "fd00::2", "fd00::3"], space.Select(a => a.ToString()));
        Assert.Equal(IPAddress.Parse("10.0.0.3"), space.GetAddress(3));
        Assert.Equal(IPAddress.Parse("fd00::"), space.GetAddress(4));
        Assert.Equal(4, space.IndexOf(IPAddress.Parse("fd00::")));
    }

    [Fact]
    public void Create_IPv6_ExclusionsAndBoundaries()
    {
        var space = AddressSpace.Create([Spec("fd00::/112")], [Spec("fd00::100-fd00::1ff"), Spec("fd00::ffff")]);
        Assert.Equal(65536 - 256 - 1, space.Count);
        Assert.Equal(IPAddress.Parse("fd00::ff"), space.GetAddress(255));
        Assert.Equal(IPAddress.Parse("fd00::200"), space.GetAddress(256));
        Assert.Equal(IPAddress.Parse("fd00::fffe"), space.GetAddress(space.Count - 1));
    }

    [Fact]
    public void Create_AtTheEndsOfTheFamilies()
    {
        var space = AddressSpace.Create(
            [Spec("255.255.255.254-255.255.255.255"), Spec("ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe/127"), Spec("0.0.0.0"), Spec("::")],
            [Spec("255.255.255.255")]);
        Assert.Equal(["0.0.0.0", "255.255.255.254", "::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"], space.Select(a => a.ToString()));
    }

    [Fact]
    public void GetAddress_OutOfRange_Throws()
    {
        var space = AddressSpace.Create([Spec("10.0.0.0/30")]);
        Assert.Throws<ArgumentOutOfRangeException>(() => space.GetAddress(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => space.GetAddress(4));
    }

    [Fact]
    public void HostNameOf_ResolvedNames()
    {
        var space = AddressSpace.Create(
            [Spec("10.0.0.0/30")],
            [Spec("10.0.0.9")],
            [
                new NamedAddress("db01", IPAddress.Parse("10.0.0.2")),
                new NamedAddress("db01-alias", IPAddress.Parse("10.0.0.2")),
                new NamedAddress("web", IPAddress.Parse("10.0.0.50")),
                new NamedAddress("web", IPAddress.Parse("fd00::50")),
                new NamedAddress("gone", IPAddress.Parse("10.0.0.9")),
            ]);

        // 10.0.0.0-3 (10.0.0.2 counted once), 10.0.0.50 and fd00::50; 10.0.0.9 is excluded.
        Assert.Equal(6, space.Count);
        Assert.Equal("db01", space.HostNameOf(IPAddress.Parse("10.0.0.2")));
        Assert.Equal("web", space.HostNameOf(IPAddress.Parse("10.0.0.50")));
        Assert.Equal("web", space.HostNameOf(IPAddress.Parse("fd00::50")));
        Assert.Null(space.HostNameOf(IPAddress.Parse("10.0.0.1")));
        Assert.Null(space.HostNameOf(IPAddress.Parse("10.0.0.9")));
        Assert.False(space.Contains(IPAddress.Parse("10.0.0.9")));
    }

    [Fact]
    public void Create_DefaultRange_IsRejected()
    {
        Assert.Throws<ArgumentException>(() => AddressSpace.Create([default]));
    }

    [Fact]
    public void Create_TooManyAddresses_IsRejected()
    {
        var huge = Enumerable.Range(0, 3).Select(i => new AddressRange(AddressFamily.InterNetworkV6, (UInt128)i << 100, ((UInt128)i << 100) + ((UInt128)1 << 62)));
        Assert.Throws<ArgumentException>(() => AddressSpace.Create(huge));
    }

    [Fact]
    public void Empty_HasNothing()
    {
        Assert.Equal(0, AddressSpace.Empty.Count);
        Assert.Equal(-1, AddressSpace.Empty.IndexOf(IPAddress.Loopback));
    }

    /// <summary>Small random IPv4 ranges in 10.0.0.0-10.0.1.255 so overlaps are common.</summary>
    private static readonly Gen<AddressRange> SmallRange =
        from first in Gen.Choose(0, 511)
        from length in Gen.Choose(0, 40)
        select new AddressRange(AddressFamily.InterNetwork, 0x0A000000u + (uint)first, 0x0A000000u + (uint)Math.Min(first + length, 511));

    [FsCheck.Xunit.Property]
    public Property Create_MatchesASetOfAddresses() => Prop.ForAll(
        Arb.From(Gen.ListOf(SmallRange)),
        Arb.From(Gen.ListOf(SmallRange)),
        (include, exclude) =>
        {
            var expected = new SortedSet<uint>(include.SelectMany(Values));
            expected.ExceptWith(exclude.SelectMany(Values));

            var space = AddressSpace.Create(include, exclude);
            var listed = space.Select(a => (uint)AddressRange.FromAddress(a).First).ToList();
            var byIndex = Enumerable.Range(0, (int)space.Count).Select(i => (uint)AddressRange.FromAddress(space.GetAddress(i)).First).ToList();
            var indexesBack = Enumerable.Range(0, (int)space.Count).All(i => space.IndexOf(space.GetAddress(i)) == i);
            var disjoint = space.Ranges.Zip(space.Ranges.Skip(1)).All(p => p.First.Last + 1 < p.Second.First);

            return space.Count == expected.Count
                && listed.SequenceEqual(expected)
                && byIndex.SequenceEqual(expected)
                && indexesBack
                && disjoint
                && exclude.SelectMany(Values).All(v => !space.Contains(V4(v)));
        });

    private static IEnumerable<uint> Values(AddressRange range)
    {
        for (var v = (uint)range.First; v <= (uint)range.Last; v++)
        {
            yield return v;
        }
    }

    private static IPAddress V4(uint value) => new AddressRange(AddressFamily.InterNetwork, value, value).FirstAddress;

    private static AddressRange Spec(string text, HostSpecRole role = HostSpecRole.Target)
    {
        Assert.True(HostSpecParser.TryParse(text, role, out var spec, out var error), error);
        return spec.Ranges[0];
    }
}
