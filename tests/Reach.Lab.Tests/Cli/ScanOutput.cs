using System.Globalization;
using System.Net;
using System.Text.Json;
using Reach.Lab.Tests.Lab.Scan;

namespace Reach.Lab.Tests.Cli;

/// <summary>
/// <c>reach scan --format jsonl</c> output, read strictly: every non-empty line is one JSON object with a "type".
/// <list type="bullet">
/// <item><c>{"type":"port","host","address","port","proto","state","reason","rtt_ms","service"}</c></item>
/// <item><c>{"type":"unresolved","host","error"}</c></item>
/// <item><c>{"type":"target","address","port"}</c> (with <c>--list</c>)</item>
/// <item><c>{"type":"host","host","address","state","missing"}</c> (with <c>--down</c>)</item>
/// <item><c>{"type":"summary","hosts","hosts_up","hosts_down","ports_scanned","open","closed","filtered","duration_ms","rate"}</c></item>
/// </list>
/// </summary>
public sealed class ScanOutput
{
    private ScanOutput(IReadOnlyList<JsonElement> records) => Records = records;

    /// <summary>Every record, in output order.</summary>
    public IReadOnlyList<JsonElement> Records { get; }

    /// <summary>The "port" records, in output order.</summary>
    public IReadOnlyList<JsonElement> Ports => OfType("port");

    /// <summary>The "unresolved" records.</summary>
    public IReadOnlyList<JsonElement> Unresolved => OfType("unresolved");

    /// <summary>The "target" records of <c>--list</c>, as endpoints, in output (scan) order.</summary>
    public IReadOnlyList<ScanEndPoint> Targets =>
        [.. OfType("target").Select(t => new ScanEndPoint(t.Address("address"), t.WholeNumber("port")))];

    /// <summary>The one "summary" record (the test fails when there is not exactly one).</summary>
    public JsonElement Summary
    {
        get
        {
            var summaries = OfType("summary");
            Assert.True(summaries.Count == 1, $"expected one summary record, got {summaries.Count}");
            return summaries[0];
        }
    }

    /// <summary>Port records as endpoint → state; an endpoint reported twice fails the test.</summary>
    public IReadOnlyDictionary<ScanEndPoint, string> States => ByEndPoint(p => p.Text("state") ?? "<null>");

    /// <summary>Port records as endpoint → "state/reason".</summary>
    public IReadOnlyDictionary<ScanEndPoint, string> StatesAndReasons =>
        ByEndPoint(p => $"{p.Text("state")}/{p.Text("reason")}");

    /// <summary>The endpoints reported with <paramref name="state"/>.</summary>
    public IReadOnlySet<ScanEndPoint> WithState(string state) =>
        States.Where(s => s.Value == state).Select(s => s.Key).ToHashSet();

    /// <summary>Parses the run's standard output; the test fails (with the output shown) when it is not JSON Lines.</summary>
    public static ScanOutput Parse(ReachRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        Assert.False(run.Result.TimedOut, $"reach was killed on timeout\n{run.Result.Describe(200)}");
        var records = new List<JsonElement>();
        var lineNumber = 0;
        foreach (var line in run.StdOut.Split('\n'))
        {
            lineNumber++;
            if (line.Trim().Length == 0)
            {
                continue;
            }

            try
            {
                using var document = JsonDocument.Parse(line);
                var record = document.RootElement.Clone();
                Assert.True(
                    record.ValueKind == JsonValueKind.Object && record.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String,
                    $"line {lineNumber} is not an object with a \"type\": {line}");
                records.Add(record);
            }
            catch (JsonException ex)
            {
                Assert.Fail($"line {lineNumber} is not JSON ({ex.Message}): {line}\n{run.Result.Describe(200)}");
            }
        }

        return new ScanOutput(records);
    }

    /// <summary>
    /// Text <c>--list</c> output: one <c>host:port</c> per line (IPv6 in brackets), in scan order.
    /// </summary>
    public static IReadOnlyList<ScanEndPoint> ParseTextList(ReachRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        Assert.False(run.Result.TimedOut, $"reach was killed on timeout\n{run.Result.Describe(200)}");
        return [.. run.StdOut
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line =>
            {
                Assert.True(IPEndPoint.TryParse(line, out var endPoint) && endPoint.Port > 0, $"not host:port: {line}");
                return new ScanEndPoint(endPoint.Address, endPoint.Port);
            })];
    }

    /// <summary>Checks the summary's counts.</summary>
    public void AssertSummary(int hosts, int hostsUp, int hostsDown, int portsScanned, int open, int closed, int filtered)
    {
        var summary = Summary;
        var expected = new { hosts, hosts_up = hostsUp, hosts_down = hostsDown, ports_scanned = portsScanned, open, closed, filtered };
        var actual = new
        {
            hosts = summary.WholeNumber("hosts"),
            hosts_up = summary.WholeNumber("hosts_up"),
            hosts_down = summary.WholeNumber("hosts_down"),
            ports_scanned = summary.WholeNumber("ports_scanned"),
            open = summary.WholeNumber("open"),
            closed = summary.WholeNumber("closed"),
            filtered = summary.WholeNumber("filtered"),
        };
        Assert.Equal(expected, actual);
        Assert.True(summary.Number("duration_ms") >= 0, $"duration_ms in {summary.GetRawText()}");
        Assert.True(summary.Number("rate") >= 0, $"rate in {summary.GetRawText()}");
    }

    /// <summary>Checks the summary against a ground truth for a scan of all its endpoints.</summary>
    public void AssertSummary(ScanGroundTruth truth)
    {
        ArgumentNullException.ThrowIfNull(truth);
        AssertSummary(
            truth.Addresses.Count,
            truth.HostsUp.Count,
            truth.HostsDown.Count,
            truth.Count,
            truth.Open.Count,
            truth.Closed.Count,
            truth.Filtered.Count);
    }

    private List<JsonElement> OfType(string type) =>
        [.. Records.Where(r => r.GetProperty("type").GetString() == type)];

    private Dictionary<ScanEndPoint, string> ByEndPoint(Func<JsonElement, string> value)
    {
        var map = new Dictionary<ScanEndPoint, string>();
        foreach (var port in Ports)
        {
            var endPoint = new ScanEndPoint(port.Address("address"), port.WholeNumber("port"));
            Assert.True(map.TryAdd(endPoint, value(port)), $"{endPoint} is reported more than once, e.g. {port.GetRawText()}");
        }

        return map;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Records.Count} records");
}
