using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Reach.Lab.Tests.Cli;
using Reach.Lab.Tests.Lab;
using Reach.Lab.Tests.Lab.Scan;

namespace Reach.Lab.Tests.Scan;

/// <summary>
/// SIGTERM during a scan writing to <c>-o</c>, with probes in flight that would wait out a long timeout: the file holds
/// every port decided so far as complete records, the probes in flight are left undecided (not reported as filtered),
/// and stderr says how many were decided and how many were left.
/// </summary>
public sealed partial class ScanCommandInterruptLabTests(LabFixture lab)
{
    [Fact]
    public async Task Sigterm_WithSlowProbesInFlight_LeavesCompleteRecords_AndCountsWhatIsUndecided()
    {
        lab.RequireLab();
        using var output = new TempFile(string.Empty);
        // Ports 1-3000 of the port-rich host with a 5 s timeout: the closed and open ones are decided at once, its
        // DROPped ports (23, 111, 161, 1433, 2049) still wait when the signal comes 2 s in.
        string[] scan = ["scan", ScanLabNetwork.HostV4, "-p", "1-3000", "--timeout", "5s", "--all", "--format", "jsonl", "-o", output.Path];
        var reach = string.Join(' ', ReachCli.CommandLine(scan).Select(Quote));
        var script = $"{reach} 2>&1 & pid=$!; sleep 2; kill -TERM $pid; wait $pid; echo \"exit=$?\"";

        var result = await lab.RunInClientAsync(["bash", "-c", script], TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        TestContext.Current.TestOutputHelper?.WriteLine(result.Describe(maxLines: 20));

        var exit = ExitLine().Match(result.StdOut);
        Assert.True(exit.Success, $"no exit line:\n{result.StdOut}");
        Assert.Contains(int.Parse(exit.Groups[1].Value, CultureInfo.InvariantCulture), new[] { 130, 143 });
        var counts = InterruptedLine().Match(result.StdOut);
        Assert.True(counts.Success, $"stderr does not say what was decided:\n{result.StdOut}");
        var decided = Number(counts.Groups[1].Value);
        var undecided = Number(counts.Groups[3].Value);
        Assert.Equal(3000, Number(counts.Groups[2].Value));
        Assert.Equal(3000, decided + undecided);

        // Every line is a complete JSON record (the file used to be cut at a 4,096-byte boundary), one per decided port.
        var lines = File.ReadAllLines(output.Path);
        var records = lines.Select(line => JsonDocument.Parse(line).RootElement).ToList();
        var ports = records.Where(r => r.GetProperty("type").GetString() == "port").ToList();
        Assert.Equal(decided, ports.Count);

        // The DROPped ports were in flight: undecided, so absent, never "filtered" by a cut-short wait.
        var dropped = ScanLabPorts.Drop.Where(p => p <= 3000).ToHashSet();
        Assert.True(undecided >= dropped.Count, $"{undecided} undecided, {dropped.Count} DROPped ports in flight");
        Assert.DoesNotContain(ports, p => dropped.Contains(p.GetProperty("port").GetInt32()));
        Assert.All(ports, p => Assert.NotEqual("no-response", p.GetProperty("reason").GetString()));
    }

    private static long Number(string text) => long.Parse(text, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

    private static string Quote(string argument) => "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    [GeneratedRegex(@"^exit=(\d+)$", RegexOptions.Multiline)]
    private static partial Regex ExitLine();

    [GeneratedRegex(@"interrupted: ([\d,]+) of ([\d,]+) ports decided and written, ([\d,]+) left undecided")]
    private static partial Regex InterruptedLine();
}
