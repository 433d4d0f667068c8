using System.Globalization;
using System.Net;
using System.Text;

namespace Reach.Lab.Tests.Lab.Scan;

/// <summary>
/// Compares scan outcomes with a ground truth. On failure the message groups the differences ("expected open, got
/// filtered: 12 endpoints, e.g. …") instead of dumping 65,535 entries.
/// </summary>
public static class ScanAssert
{
    private const int Examples = 12;
    private const string Missing = "<not reported>";

    /// <summary>Every endpoint of <paramref name="expected"/> is reported with the same value, and nothing else is.</summary>
    public static void SameOutcomes(
        IReadOnlyDictionary<ScanEndPoint, string> expected,
        IReadOnlyDictionary<ScanEndPoint, string> actual,
        string what)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        var differences = expected
            .Select(e => (e.Key, Expected: e.Value, Actual: actual.TryGetValue(e.Key, out var a) ? a : Missing))
            .Concat(actual.Where(a => !expected.ContainsKey(a.Key)).Select(a => (a.Key, Expected: "<not scanned>", Actual: a.Value)))
            .Where(d => d.Expected != d.Actual)
            .ToList();
        if (differences.Count == 0)
        {
            return;
        }

        var message = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"{what}: {differences.Count} of {expected.Count} endpoints differ from the ground truth");
        foreach (var group in differences.GroupBy(d => (d.Expected, d.Actual)).OrderByDescending(g => g.Count()))
        {
            var endPoints = group.Select(d => d.Key).Order(ScanEndPoint.Order).ToList();
            message.Append(CultureInfo.InvariantCulture, $"\n  expected {group.Key.Expected}, got {group.Key.Actual}: {endPoints.Count} endpoint(s), ")
                .Append(Describe(endPoints));
        }

        Assert.Fail(message.ToString());
    }

    /// <summary>The two sets are equal; the message lists what is missing and what is extra.</summary>
    public static void SameSet(IEnumerable<ScanEndPoint> expected, IEnumerable<ScanEndPoint> actual, string what)
    {
        var e = expected.ToHashSet();
        var a = actual.ToHashSet();
        var missing = e.Except(a).Order(ScanEndPoint.Order).ToList();
        var extra = a.Except(e).Order(ScanEndPoint.Order).ToList();
        Assert.True(
            missing.Count == 0 && extra.Count == 0,
            $"{what}: expected {e.Count}, got {a.Count}; missing {missing.Count} ({Describe(missing)}); extra {extra.Count} ({Describe(extra)})");
    }

    /// <summary>The two address sets are equal.</summary>
    public static void SameAddresses(IEnumerable<IPAddress> expected, IEnumerable<IPAddress> actual, string what) =>
        SameSet(expected.Select(a => new ScanEndPoint(a, 0)), actual.Select(a => new ScanEndPoint(a, 0)), what);

    /// <summary>The ground truth as endpoint → state.</summary>
    public static IReadOnlyDictionary<ScanEndPoint, string> States(this ScanGroundTruth truth) =>
        truth.Expected.ToDictionary(e => e.Key, e => e.Value.State);

    /// <summary>The ground truth as endpoint → "state/reason".</summary>
    public static IReadOnlyDictionary<ScanEndPoint, string> StatesAndReasons(this ScanGroundTruth truth) =>
        truth.Expected.ToDictionary(e => e.Key, e => $"{e.Value.State}/{e.Value.Reason}");

    private static string Describe(List<ScanEndPoint> endPoints) =>
        endPoints.Count == 0
            ? "none"
            : "e.g. " + string.Join(", ", endPoints.Take(Examples).Select(p => p.Port == 0 ? p.Address.ToString() : p.ToString()))
              + (endPoints.Count > Examples ? ", …" : string.Empty);
}
