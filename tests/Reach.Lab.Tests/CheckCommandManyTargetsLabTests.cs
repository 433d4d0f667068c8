using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Reach.Lab.Tests.Cli;
using Reach.Lab.Tests.Lab;

namespace Reach.Lab.Tests;

/// <summary><c>reach check</c> with several TARGET arguments or <c>-i FILE</c>, inside the lab's client namespace.</summary>
public sealed class CheckCommandManyTargetsLabTests(LabFixture lab)
{
    [Fact]
    public async Task Check_InputFileWithAMix_CountsEveryOutcomeAndExitsOne()
    {
        lab.RequireLab();
        using var file = new TempFile("""
            # lab targets: one of each outcome
            10.231.0.2:80

            10.231.0.2:8080
               target.lab 9001
            nosuch.invalid
            target.lab 80
            # an IPv6 literal with a port
            [fd00:5eac::2]:443

            """);

        var run = await ReachCli.RunAsync(lab, "check", "-i", file.Path, "-p", "80", "--timeout", "1s", "--no-tls", "--json");

        Assert.Equal(1, run.ExitCode);
        var json = run.Json;
        Assert.False(json.Flag("reachable"));
        AssertSummary(json, total: 6, reachable: 3, open: 3, closed: 1, filtered: 1, unresolved: 1, error: 0);
        Assert.True(json.Number("duration_ms") > 0, $"duration_ms in {json.GetRawText()}");

        var targets = json.Items("targets");
        Assert.Equal(6, targets.Count);
        Assert.Equal("open", Find(targets, LabNetwork.TargetV4, 80).Text("status"));
        Assert.Equal("closed", Find(targets, LabNetwork.TargetV4, LabPorts.Closed).Text("status"));
        Assert.Equal("filtered", Find(targets, LabNetwork.TargetName, LabPorts.Drop).Text("status"));
        Assert.Equal("open", Find(targets, LabNetwork.TargetName, 80).Text("status"));
        Assert.Equal("open", Find(targets, LabNetwork.TargetV6, 443).Text("status"));
        var unresolved = Find(targets, LabNetwork.UnresolvableName, 80);
        Assert.Equal("unresolved", unresolved.Text("status"));
        Assert.False(unresolved.Flag("reachable"));
        Assert.Equal("unresolved", unresolved.Prop("resolution").Text("status"));
        Assert.Empty(unresolved.ItemsOrEmpty("results"));
    }

    [Fact]
    public async Task Check_InputFileAllOpen_ExitsZero()
    {
        lab.RequireLab();
        using var file = new TempFile("""
            10.231.0.2:80
            [fd00:5eac::2]:443
            target.lab 5432
            """);

        var run = await ReachCli.RunAsync(lab, "check", "-i", file.Path, "--no-tls", "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.True(run.Json.Flag("reachable"));
        AssertSummary(run.Json, total: 3, reachable: 3, open: 3, closed: 0, filtered: 0, unresolved: 0, error: 0);
        Assert.All(run.Json.Items("targets"), t => Assert.Equal("open", t.Text("status")));
    }

    [Fact]
    public async Task Check_SeveralTargetsWithDefaultPort_ProbesEachOnThatPort()
    {
        lab.RequireLab();

        // Plain TCP listeners on 443 (accept, close): --no-tls checks the port alone.
        var run = await ReachCli.RunAsync(lab, "check", "-p", "443", LabNetwork.TargetV4, LabNetwork.TargetV6, LabNetwork.TargetName, "--no-tls", "--json");

        Assert.Equal(0, run.ExitCode);
        var targets = run.Json.Items("targets");
        Assert.Equal(3, targets.Count);
        Assert.All(targets, t => Assert.Equal(443, t.WholeNumber("port")));
        Assert.All(targets, t => Assert.Equal("open", t.Text("status")));
        AssertSummary(run.Json, total: 3, reachable: 3, open: 3, closed: 0, filtered: 0, unresolved: 0, error: 0);
    }

    /// <summary>50 addresses (the target's AnyIP range) behind a DROP rule, 1 s timeout: probed concurrently.</summary>
    [Theory]
    [InlineData(AddressFamily.InterNetwork)]
    [InlineData(AddressFamily.InterNetworkV6)]
    public async Task Check_FiftyFilteredTargets_FinishConcurrently(AddressFamily family)
    {
        lab.RequireLab();
        var targets = Enumerable.Range(1, 50).Select(n => LabNetwork.EndPoint(LabNetwork.AnyIp(family, n), LabPorts.Drop));

        var run = await ReachCli.RunAsync(lab, ["check", .. targets, "--timeout", "1s", "--no-ping", "--json"]);

        Assert.Equal(1, run.ExitCode);
        AssertSummary(run.Json, total: 50, reachable: 0, open: 0, closed: 0, filtered: 50, unresolved: 0, error: 0);
        Assert.All(run.Json.Items("targets"), t => Assert.Equal("no-response", t.SingleResult().Text("reason")));
        Assert.True(run.Elapsed < TimeSpan.FromSeconds(10), $"50 probes with a 1 s timeout took {run.Elapsed.TotalSeconds:F1} s");
    }

    [Fact]
    public async Task Check_Quiet_ManyTargets_PrintsNothing()
    {
        lab.RequireLab();

        var run = await ReachCli.RunAsync(lab, "check", "-p", "80", LabNetwork.TargetV4, LabNetwork.TargetV6, "--quiet");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.StdOut);
        Assert.Equal(string.Empty, run.StdErr);
    }

    private static void AssertSummary(
        JsonElement json,
        int total,
        int reachable,
        int open,
        int closed,
        int filtered,
        int unresolved,
        int error)
    {
        var summary = json.Prop("summary");
        var expected = new { total, reachable, open, closed, filtered, unresolved, error };
        var actual = new
        {
            total = summary.WholeNumber("total"),
            reachable = summary.WholeNumber("reachable"),
            open = summary.WholeNumber("open"),
            closed = summary.WholeNumber("closed"),
            filtered = summary.WholeNumber("filtered"),
            unresolved = summary.WholeNumber("unresolved"),
            error = summary.WholeNumber("error"),
        };
        Assert.Equal(expected, actual);
    }

    /// <summary>The target entry for host and port (an IPv6 host compared as an address, brackets or not).</summary>
    private static JsonElement Find(IReadOnlyList<JsonElement> targets, string host, int port)
    {
        var matches = targets.Where(t => SameHost(t.Text("host"), host) && t.WholeNumber("port") == port).ToList();
        Assert.True(
            matches.Count == 1,
            $"expected one target {host} port {port}, found {matches.Count} in [{string.Join(", ", targets.Select(t => t.GetRawText()))}]");
        return matches[0];
    }

    private static bool SameHost(string? actual, string expected)
    {
        var trimmed = actual?.Trim('[', ']');
        return IPAddress.TryParse(trimmed, out var a) && IPAddress.TryParse(expected, out var e)
            ? a.Equals(e)
            : string.Equals(trimmed, expected, StringComparison.OrdinalIgnoreCase);
    }
}
