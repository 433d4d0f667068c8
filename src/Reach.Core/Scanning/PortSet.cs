using System.Collections;
using System.Globalization;
using System.Text;
using Reach.Targets;

namespace Reach.Scanning;

/// <summary>
/// A set of TCP ports, sorted and distinct, indexed from 0 so a scan can pick the n-th port of the set. Built from
/// <c>-p</c>, <c>--top N</c> and <c>--profile NAME</c>, combined with <see cref="Union"/>.
/// </summary>
public sealed class PortSet : IReadOnlyList<int>
{
    private readonly ushort[] ports;

    private PortSet(ushort[] sortedDistinct) => ports = sortedDistinct;

    public static PortSet Empty { get; } = new([]);

    /// <summary>Every port, 1 to 65535 (<c>-p-</c>).</summary>
    public static PortSet All => Range(1, PortParser.MaxPort);

    public int Count => ports.Length;

    public bool IsEmpty => ports.Length == 0;

    /// <summary>The <paramref name="index"/>-th port, in ascending order.</summary>
    public int this[int index] => ports[index];

    /// <summary>A set of the given ports (any order, duplicates allowed).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A port is not from 1 to 65535.</exception>
    public static PortSet Create(IEnumerable<int> ports)
    {
        ArgumentNullException.ThrowIfNull(ports);
        var list = new List<ushort>();
        foreach (var port in ports)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(port, 1, nameof(ports));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(port, PortParser.MaxPort, nameof(ports));
            list.Add((ushort)port);
        }

        list.Sort();
        return new PortSet(Distinct(list));
    }

    /// <summary>The ports from <paramref name="first"/> to <paramref name="last"/> inclusive.</summary>
    public static PortSet Range(int first, int last)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(first, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(last, PortParser.MaxPort);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(first, last);
        var result = new ushort[last - first + 1];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = (ushort)(first + i);
        }

        return new PortSet(result);
    }

    public bool Contains(int port) => IndexOf(port) >= 0;

    /// <summary>The index of a port in the set, or -1.</summary>
    public int IndexOf(int port) =>
        port is < 1 or > PortParser.MaxPort ? -1 : Math.Max(-1, Array.BinarySearch(ports, (ushort)port));

    /// <summary>The ports in either set.</summary>
    public PortSet Union(PortSet other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.IsEmpty)
        {
            return this;
        }

        if (IsEmpty)
        {
            return other;
        }

        var merged = new List<ushort>(ports.Length + other.ports.Length);
        int i = 0, j = 0;
        while (i < ports.Length || j < other.ports.Length)
        {
            if (j == other.ports.Length || (i < ports.Length && ports[i] <= other.ports[j]))
            {
                merged.Add(ports[i++]);
            }
            else
            {
                merged.Add(other.ports[j++]);
            }
        }

        return new PortSet(Distinct(merged));
    }

    /// <summary>The set in the form the parser reads: <c>22,80,443,8000-8100</c>; empty for an empty set.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        var i = 0;
        while (i < ports.Length)
        {
            var j = i;
            while (j + 1 < ports.Length && ports[j + 1] == ports[j] + 1)
            {
                j++;
            }

            if (text.Length > 0)
            {
                text.Append(',');
            }

            text.Append(CultureInfo.InvariantCulture, $"{ports[i]}");
            if (j > i)
            {
                text.Append(CultureInfo.InvariantCulture, $"-{ports[j]}");
            }

            i = j + 1;
        }

        return text.ToString();
    }

    public IEnumerator<int> GetEnumerator()
    {
        foreach (var port in ports)
        {
            yield return port;
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The ports of inclusive ranges (1 to 65535 each, any order, overlaps allowed).</summary>
    internal static PortSet FromRanges(List<(int First, int Last)> ranges)
    {
        ranges.Sort();
        var list = new List<ushort>();
        var next = 1;
        foreach (var (first, last) in ranges)
        {
            for (var port = Math.Max(first, next); port <= last; port++)
            {
                list.Add((ushort)port);
            }

            next = Math.Max(next, last + 1);
        }

        return new PortSet([.. list]);
    }

    private static ushort[] Distinct(List<ushort> sorted)
    {
        var count = 0;
        for (var i = 0; i < sorted.Count; i++)
        {
            if (count == 0 || sorted[i] != sorted[count - 1])
            {
                sorted[count++] = sorted[i];
            }
        }

        return [.. sorted.Take(count)];
    }
}
