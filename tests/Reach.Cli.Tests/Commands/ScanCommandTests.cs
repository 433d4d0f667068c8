using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Reach.Cli.Tests.Commands;

/// <summary>Loopback only, and only ports these tests opened (and closed again).</summary>
public class ScanCommandTests
{
    private static string Ports(params int[] ports) => string.Join(',', ports.Select(p => p.ToString(CultureInfo.InvariantCulture)));

    [Fact]
    public async Task JsonLines_AllPorts_GivesExactStatesAndASummary()
    {
        using var a = CliRunner.Listen();
        using var b = CliRunner.Listen();
        var open = new[] { CliRunner.PortOf(a), CliRunner.PortOf(b) };
        var closed = Enumerable.Range(0, 6).Select(_ => CliRunner.ClosedPort()).Except(open).Distinct().ToArray();

        var (code, output, error) = await CliRunner.RunAsync("scan", "127.0.0.1", "-p", Ports([.. open, .. closed]), "--all", "--format", "jsonl");

        Assert.Equal(0, code);
        Assert.Empty(error);
        var records = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var ports = records.Where(r => r.GetProperty("type").GetString() == "port").ToList();
        Assert.Equal(open.Order(), ports.Where(p => p.GetProperty("state").GetString() == "open").Select(p => p.GetProperty("port").GetInt32()).Order());
        Assert.Equal(closed.Order(), ports.Where(p => p.GetProperty("state").GetString() == "closed").Select(p => p.GetProperty("port").GetInt32()).Order());
        Assert.All(ports, p => Assert.Equal("tcp", p.GetProperty("proto").GetString()));
        var summary = Assert.Single(records, r => r.GetProperty("type").GetString() == "summary");
        Assert.Equal(open.Length, summary.GetProperty("open").GetInt32());
        Assert.Equal(closed.Length, summary.GetProperty("closed").GetInt32());
        Assert.Equal(1, summary.GetProperty("hosts_up").GetInt32());
        Assert.Equal("summary", records[^1].GetProperty("type").GetString());
    }

    [Fact]
    public async Task Table_ListsOnlyOpenPorts_WithoutAll()
    {
        using var listener = CliRunner.Listen();
        var open = CliRunner.PortOf(listener);
        var closed = CliRunner.ClosedPort();

        var (code, output, _) = await CliRunner.RunAsync("scan", "127.0.0.1", "-p", Ports(open, closed));

        Assert.Equal(0, code);
        Assert.Contains($"{open}/tcp", output, StringComparison.Ordinal);
        Assert.DoesNotContain($"{closed}/tcp", output, StringComparison.Ordinal);
        Assert.Contains("1 open, 1 closed", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailOnClosed_ExitsOne_WhenAPortIsNotOpen()
    {
        using var listener = CliRunner.Listen();
        var open = CliRunner.PortOf(listener);

        var allOpen = await CliRunner.RunAsync("scan", "127.0.0.1", "-p", Ports(open), "--fail-on-closed");
        var oneClosed = await CliRunner.RunAsync("scan", "127.0.0.1", "-p", Ports(open, CliRunner.ClosedPort()), "--fail-on-closed");

        Assert.Equal(0, allOpen.ExitCode);
        Assert.Equal(1, oneClosed.ExitCode);
    }

    /// <summary>
    /// --down with a port list: a host that answers but misses one of the ports is reported, with that port, in every
    /// format (before, --down listed only hosts where nothing answered, so this host was left out).
    /// </summary>
    [Theory]
    [InlineData("table")]
    [InlineData("json")]
    [InlineData("jsonl")]
    [InlineData("csv")]
    [InlineData("grepable")]
    public async Task Down_WithAPortList_ReportsAHostThatMissesOneOfThem_InEveryFormat(string format)
    {
        using var listener = CliRunner.Listen();
        var open = CliRunner.PortOf(listener);
        var closed = CliRunner.ClosedPort();

        var (code, output, error) = await CliRunner.RunAsync("scan", "127.0.0.1", "-p", Ports(open, closed), "--down", "--format", format);

        Assert.Equal(0, code);
        Assert.Empty(error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        switch (format)
        {
            case "table":
                Assert.Contains($"missing   127.0.0.1: {closed} closed (1 of 2 ports missing)", lines);
                break;
            case "json":
                using (var document = JsonDocument.Parse(output))
                {
                    var host = Assert.Single(document.RootElement.GetProperty("down_hosts").EnumerateArray());
                    Assert.Equal("up", host.GetProperty("state").GetString());
                    Assert.Equal([closed], host.GetProperty("missing").EnumerateArray().Select(p => p.GetInt32()));
                    Assert.Empty(document.RootElement.GetProperty("down").EnumerateArray()); // nothing that did not answer at all
                }

                break;
            case "jsonl":
                Assert.Equal(
                    $$"""{"type":"host","host":"127.0.0.1","address":"127.0.0.1","state":"up","missing":[{{closed}}]}""",
                    lines[0]);
                Assert.Equal("summary", JsonDocument.Parse(lines[1]).RootElement.GetProperty("type").GetString());
                Assert.Equal(2, lines.Length);
                break;
            case "csv":
                Assert.Equal(["host,address,state,missing", $"127.0.0.1,127.0.0.1,up,{closed}"], lines);
                break;
            default:
                Assert.Contains(lines, l => l.StartsWith($"Host: 127.0.0.1 ()\tStatus: Up\tMissing: {closed}/closed/tcp//", StringComparison.Ordinal));
                break;
        }
    }

    [Fact]
    public async Task FailOnClosed_NamesThePortsThatAreNotOpen_OnStderr_AndKeepsStdoutClean()
    {
        using var listener = CliRunner.Listen();
        var open = CliRunner.PortOf(listener);
        var closed = CliRunner.ClosedPort();

        var failing = await CliRunner.RunAsync("scan", "127.0.0.1", "-p", Ports(open, closed), "--fail-on-closed", "--format", "jsonl");
        var passing = await CliRunner.RunAsync("scan", "127.0.0.1", "-p", Ports(open), "--fail-on-closed", "--format", "jsonl");

        Assert.Equal(1, failing.ExitCode);
        Assert.Equal(
            ["reach: --fail-on-closed: 1 of 2 ports not open:", $"  127.0.0.1: {closed} closed (conn-refused)"],
            failing.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.All(failing.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => JsonDocument.Parse(l).Dispose());
        Assert.Equal(0, passing.ExitCode);
        Assert.Empty(passing.Error);
    }

    /// <summary>The table (and the json document) list ports by host then port, IPv4 numerically before IPv6, not as they arrived.</summary>
    [Theory]
    [InlineData("table")]
    [InlineData("json")]
    public async Task TableAndJson_ListPortsByHostThenPort(string format)
    {
        IPAddress[] addresses = [IPAddress.Parse("127.0.0.10"), IPAddress.Parse("127.0.0.9"), IPAddress.IPv6Loopback];
        var (sockets, ports) = CliRunner.ListenOnEvery(addresses, 3);
        try
        {
            var (code, output, _) = await CliRunner.RunAsync("scan", "127.0.0.10", "127.0.0.9", "::1", "-p", Ports(ports), "--seed", "7", "--format", format);

            Assert.Equal(0, code);
            IEnumerable<string> rows = format == "table"
                ? output.Split('\n').Where(l => l.StartsWith("open", StringComparison.Ordinal)).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries) is var f ? $"{f[1]} {f[2]}" : string.Empty)
                : JsonDocument.Parse(output).RootElement.GetProperty("ports").EnumerateArray().Select(p => $"{p.GetProperty("address").GetString()} {p.GetProperty("port").GetInt32()}/tcp");
            var expected = new[] { "127.0.0.9", "127.0.0.10", "::1" }.SelectMany(a => ports.Order().Select(p => $"{a} {p}/tcp"));
            Assert.Equal(expected, rows);
        }
        finally
        {
            sockets.ForEach(s => s.Dispose());
        }
    }

    /// <summary>
    /// With stderr not a terminal, a progress line goes to stderr every 5 s (here a clock that fires the timer at once):
    /// never into standard output or the -o file, which stay JSON Lines.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Progress_OnARedirectedStderr_GoesToStderrOnly(bool outputFile)
    {
        using var listener = CliRunner.Listen();
        var open = CliRunner.PortOf(listener);
        var file = Path.GetTempFileName();
        try
        {
            string[] args = ["scan", "127.0.0.1", "-p", Ports(open), "--format", "jsonl", .. outputFile ? new[] { "-o", file } : []];

            var (code, output, error) = await CliRunner.RunAsync(new TimerFiresAtOnce(), args);

            Assert.Equal(0, code);
            Assert.Equal(["reach scan: 0.0%  0/1 ports  0 open  0/s  5s elapsed  ETA unknown"], error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            var records = outputFile ? File.ReadAllText(file) : output;
            Assert.Equal(["port", "summary"], records.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("type").GetString()));
            if (outputFile)
            {
                Assert.Empty(output);
            }
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task List_SendsNothing_AndTheSeedRepeatsTheOrder_AndShardsPartitionIt()
    {
        var first = await CliRunner.RunAsync("scan", "10.0.0.0/28", "-p", "22,80,443", "--list", "--seed", "42");
        var again = await CliRunner.RunAsync("scan", "10.0.0.0/28", "-p", "22,80,443", "--list", "--seed", "42");
        var shards = await Task.WhenAll(Enumerable.Range(1, 3).Select(k => CliRunner.RunAsync("scan", "10.0.0.0/28", "-p", "22,80,443", "--list", "--seed", "42", "--shard", $"{k}/3")));

        var lines = first.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(16 * 3, lines.Length);
        Assert.Equal(16 * 3, lines.Distinct().Count());
        Assert.Equal(first.Out, again.Out);
        Assert.NotEqual(lines.Order(), lines); // shuffled, not sorted
        var fromShards = shards.SelectMany(s => s.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.Equal(lines.Order(), fromShards.Order());
    }

    [Fact]
    public async Task Exclude_RemovesAddresses()
    {
        var (code, output, _) = await CliRunner.RunAsync("scan", "10.0.0.0/29", "-p", "22", "--list", "--exclude", "10.0.0.0-3,10.0.0.7");

        Assert.Equal(0, code);
        Assert.Equal(["10.0.0.4:22", "10.0.0.5:22", "10.0.0.6:22"], output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order());
    }

    [Theory]
    [InlineData(new[] { "scan", "10.0.0.0/33", "-p", "22" }, "prefix length 33")]
    [InlineData(new[] { "scan", "10.0.0.9-10.0.0.1", "-p", "22" }, "10.0.0.9-10.0.0.1")]
    [InlineData(new[] { "scan", "127.0.0.1", "-p", "70000" }, "port 70000 is out of range")]
    [InlineData(new[] { "scan", "127.0.0.1", "-p", "100-1" }, "100-1")]
    [InlineData(new[] { "scan", "127.0.0.1", "--profile", "nope" }, "--profile")]
    [InlineData(new[] { "scan", "127.0.0.1", "--shard", "0/4" }, "--shard")]
    [InlineData(new[] { "scan", "127.0.0.1", "--format", "xml" }, "unknown format 'xml'")]
    [InlineData(new[] { "scan", "127.0.0.1", "--timeout", "soon" }, "--timeout")]
    [InlineData(new[] { "scan", "-p", "22" }, "no target")]
    [InlineData(new[] { "scan", "-i", "/nonexistent/hosts.txt" }, "/nonexistent/hosts.txt")]
    public async Task BadInput_ExitsTwo_WithOneLine(string[] args, string expected)
    {
        var (code, output, error) = await CliRunner.RunAsync(args);

        Assert.Equal(2, code);
        Assert.Empty(output);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(expected, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmptyTargetFile_ExitsTwo()
    {
        var file = Path.GetTempFileName();
        try
        {
            var (code, _, error) = await CliRunner.RunAsync("scan", "-i", file, "-p", "22");
            Assert.Equal(2, code);
            Assert.Contains("no targets", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>A clock whose timers fire once, at once, when created (as if their due time had passed).</summary>
    private sealed class TimerFiresAtOnce : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Read(ref _ticks);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            Interlocked.Add(ref _ticks, dueTime.Ticks);
            callback(state);
            return new StoppedTimer();
        }

        private sealed class StoppedTimer : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => false;

            public void Dispose()
            {
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }
}
