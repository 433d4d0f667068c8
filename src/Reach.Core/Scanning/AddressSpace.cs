using System.Collections;
using System.Net;
using System.Net.Sockets;

namespace Reach.Scanning;

/// <summary>
/// The set of addresses a scan covers: the included ranges and resolved names minus the excluded ranges, held as
/// sorted, merged, disjoint ranges (IPv4 first, then IPv6). Memory is proportional to the number of ranges, never to
/// the number of addresses: 10.0.0.0/8 costs what 10.0.0.0/24 costs. Addresses are numbered 0 to
/// <see cref="Count"/> - 1 in that order, and <see cref="GetAddress"/> maps a number back to its address by a binary
/// search, so a scan can visit them in any order without listing them.
/// </summary>
public sealed class AddressSpace : IEnumerable<IPAddress>
{
    private readonly AddressRange[] ranges;

    /// <summary><c>starts[i]</c> is the number of the first address of <c>ranges[i]</c>.</summary>
    private readonly long[] starts;

    private readonly Dictionary<AddressKey, string> names;

    private AddressSpace(AddressRange[] ranges, long[] starts, long count, Dictionary<AddressKey, string> names)
    {
        this.ranges = ranges;
        this.starts = starts;
        this.names = names;
        Count = count;
    }

    public static AddressSpace Empty { get; } = new([], [], 0, []);

    /// <summary>How many distinct addresses the space holds.</summary>
    public long Count { get; }

    /// <summary>The normalised ranges: IPv4 before IPv6, sorted, disjoint and not adjacent (adjacent ranges are merged).</summary>
    public IReadOnlyList<AddressRange> Ranges => ranges;

    /// <summary>
    /// Builds the space. An address given several times (overlapping specs, a name that resolves to an address also
    /// listed) counts once. A resolved name is included as one address, and remembered for <see cref="HostNameOf"/>
    /// unless it is excluded; when several names resolve to one address, the first one given is kept.
    /// </summary>
    /// <param name="include">Addresses to scan.</param>
    /// <param name="exclude">Addresses to leave out, whether or not they are included.</param>
    /// <param name="resolved">Addresses that host names resolved to.</param>
    /// <exception cref="ArgumentException">A range has no family (a default value), or the space would hold more than
    /// <see cref="long.MaxValue"/> addresses.</exception>
    public static AddressSpace Create(IEnumerable<AddressRange> include, IEnumerable<AddressRange>? exclude = null, IEnumerable<NamedAddress>? resolved = null)
    {
        ArgumentNullException.ThrowIfNull(include);
        var resolvedList = resolved?.ToList() ?? [];
        var included = include.Concat(resolvedList.Select(n => AddressRange.FromAddress(n.Address)));
        var kept = Subtract(Normalize(included, nameof(include)), Normalize(exclude ?? [], nameof(exclude)));

        var starts = new long[kept.Count];
        UInt128 total = 0;
        for (var i = 0; i < kept.Count; i++)
        {
            starts[i] = (long)total;
            total += kept[i].Count;
            if (total > long.MaxValue)
            {
                throw new ArgumentException("an address space holds at most 2^63 - 1 addresses", nameof(include));
            }
        }

        var space = new AddressSpace([.. kept], starts, (long)total, []);
        foreach (var (hostName, address) in resolvedList)
        {
            if (space.Contains(address))
            {
                space.names.TryAdd(AddressKey.Of(address), hostName);
            }
        }

        return space;
    }

    /// <summary>The address numbered <paramref name="index"/> (0 is the lowest IPv4 address of the space).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is negative or not below <see cref="Count"/>.</exception>
    public IPAddress GetAddress(long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        var found = Array.BinarySearch(starts, index);
        var i = found >= 0 ? found : ~found - 1;
        var range = ranges[i];
        return AddressValue.ToAddress(range.Family, range.First + (ulong)(index - starts[i]));
    }

    /// <summary>The number of an address in the space, or -1 when the space does not hold it.</summary>
    public long IndexOf(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
        {
            return -1;
        }

        var family = AddressValue.FamilyOrder(address.AddressFamily);
        var value = AddressValue.ToValue(address);

        // The last range that starts at or before the address.
        int low = 0, high = ranges.Length - 1, candidate = -1;
        while (low <= high)
        {
            var mid = low + ((high - low) / 2);
            var order = AddressValue.FamilyOrder(ranges[mid].Family).CompareTo(family);
            if (order < 0 || (order == 0 && ranges[mid].First <= value))
            {
                candidate = mid;
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }

        if (candidate < 0 || ranges[candidate].Family != address.AddressFamily || ranges[candidate].Last < value)
        {
            return -1;
        }

        return starts[candidate] + (long)(value - ranges[candidate].First);
    }

    public bool Contains(IPAddress address) => IndexOf(address) >= 0;

    /// <summary>The host name an address was resolved from, or null when it was given as an address.</summary>
    public string? HostNameOf(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return names.Count > 0 && address.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6
            && names.TryGetValue(AddressKey.Of(address), out var name)
            ? name
            : null;
    }

    /// <summary>Every address in order: IPv4 ascending, then IPv6 ascending.</summary>
    public IEnumerator<IPAddress> GetEnumerator()
    {
        foreach (var range in ranges)
        {
            for (var value = range.First; ; value++)
            {
                yield return AddressValue.ToAddress(range.Family, value);
                if (value == range.Last)
                {
                    break;
                }
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Sorts by family then first address and merges overlapping or adjacent ranges.</summary>
    private static List<AddressRange> Normalize(IEnumerable<AddressRange> source, string parameterName)
    {
        var sorted = source.ToList();
        if (sorted.Any(r => r.Family is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6)))
        {
            throw new ArgumentException("a range has no address family (a default AddressRange)", parameterName);
        }

        sorted.Sort(static (x, y) =>
        {
            var order = AddressValue.FamilyOrder(x.Family).CompareTo(AddressValue.FamilyOrder(y.Family));
            return order != 0 ? order : x.First.CompareTo(y.First);
        });

        var merged = new List<AddressRange>(sorted.Count);
        foreach (var range in sorted)
        {
            if (merged.Count > 0)
            {
                var last = merged[^1];
                if (last.Family == range.Family && (range.First <= last.Last || range.First - last.Last == UInt128.One))
                {
                    merged[^1] = new AddressRange(last.Family, last.First, UInt128.Max(last.Last, range.Last));
                    continue;
                }
            }

            merged.Add(range);
        }

        return merged;
    }

    /// <summary>The parts of normalised <paramref name="include"/> outside normalised <paramref name="exclude"/>.</summary>
    private static List<AddressRange> Subtract(List<AddressRange> include, List<AddressRange> exclude)
    {
        var result = new List<AddressRange>(include.Count);
        var next = 0;
        foreach (var range in include)
        {
            var family = AddressValue.FamilyOrder(range.Family);

            // Skip the exclusions that end before this range; they end before every later range too.
            while (next < exclude.Count
                && (AddressValue.FamilyOrder(exclude[next].Family) < family
                    || (exclude[next].Family == range.Family && exclude[next].Last < range.First)))
            {
                next++;
            }

            var start = range.First;
            var covered = false;
            for (var k = next; k < exclude.Count && exclude[k].Family == range.Family && exclude[k].First <= range.Last; k++)
            {
                if (exclude[k].First > start)
                {
                    result.Add(new AddressRange(range.Family, start, exclude[k].First - UInt128.One));
                }

                if (exclude[k].Last >= range.Last)
                {
                    covered = true;
                    break;
                }

                start = exclude[k].Last + UInt128.One;
            }

            if (!covered)
            {
                result.Add(new AddressRange(range.Family, start, range.Last));
            }
        }

        return result;
    }

    private readonly record struct AddressKey(AddressFamily Family, UInt128 Value)
    {
        public static AddressKey Of(IPAddress address) => new(address.AddressFamily, AddressValue.ToValue(address));
    }
}
