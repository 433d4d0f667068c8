using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Reach.Text;

namespace Reach.Scanning;

/// <summary>
/// Which part of a scan to run, <c>--shard K/N</c>: the K-th of N disjoint parts, K counted from 1 as written.
/// <see cref="Index"/> is the 0-based K that <see cref="ScanOrder"/> takes. The default value is 1/1, the whole scan.
/// </summary>
public readonly record struct ShardSpec
{
    // Stored as K - 1 and N - 1 so that default(ShardSpec) is 1/1.
    private readonly int index;
    private readonly int countMinusOne;

    /// <param name="number">K, from 1 to <paramref name="count"/>.</param>
    /// <param name="count">N, at least 1.</param>
    public ShardSpec(int number, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(number, count);
        index = number - 1;
        countMinusOne = count - 1;
    }

    /// <summary>The whole scan, 1/1.</summary>
    public static ShardSpec Whole => default;

    /// <summary>K, 1-based, as written on the command line.</summary>
    public int Number => index + 1;

    /// <summary>N, the number of shards.</summary>
    public int Count => countMinusOne + 1;

    /// <summary>K - 1: the 0-based shard index that <see cref="ScanOrder"/> takes.</summary>
    public int Index => index;

    /// <summary>Reads <c>K/N</c>, for example <c>2/4</c>.</summary>
    public static bool TryParse(string? text, out ShardSpec shard, [NotNullWhen(false)] out string? error)
    {
        shard = default;
        var trimmed = (text ?? string.Empty).Trim();
        var slash = trimmed.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0
            || !long.TryParse(trimmed.AsSpan(0, slash).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            || !long.TryParse(trimmed.AsSpan(slash + 1).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            error = $"{Printable.Quote(trimmed)} is not a shard (expected K/N, for example 2/4)";
            return false;
        }

        if (count is < 1 or > int.MaxValue)
        {
            error = $"shard {Printable.Quote(trimmed)}: N must be from 1 to {int.MaxValue}";
            return false;
        }

        if (number < 1 || number > count)
        {
            error = $"shard {Printable.Quote(trimmed)}: K must be from 1 to {count}";
            return false;
        }

        shard = new ShardSpec((int)number, (int)count);
        error = null;
        return true;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Number}/{Count}");
}
