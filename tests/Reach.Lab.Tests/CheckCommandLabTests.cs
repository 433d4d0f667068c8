using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Reach.Lab.Tests.Cli;
using Reach.Lab.Tests.Lab;

namespace Reach.Lab.Tests;

/// <summary><c>reach check TARGET [PORT|SERVICE]</c> on one target, run inside the lab's client namespace.</summary>
public sealed class CheckCommandLabTests(LabFixture lab)
{
    [Theory]
    [InlineData(AddressFamily.InterNetwork)]
    [InlineData(AddressFamily.InterNetworkV6)]
    public async Task Check_OpenPort_IsOpenBySynAckFromTheClientAddress(AddressFamily family)
    {
        lab.RequireLab();
        var target = LabNetwork.Target(family);

        var run = await ReachCli.RunAsync(lab, "check", target, "80", "--json");

        Assert.Equal(0, run.ExitCode);
        var json = run.Json;
        Assert.Equal("open", json.Text("status"));
        Assert.True(json.Flag("reachable"));
        Assert.Equal(80, json.WholeNumber("port"));
        Assert.Equal("literal", json.Prop("resolution").Text("status"));
        var result = json.SingleResult();
        Assert.Equal(IPAddress.Parse(target), result.Address("address"));
        Assert.Equal(80, result.WholeNumber("port"));
        Assert.Equal("open", result.Text("state"));
        Assert.Equal("syn-ack", result.Text("reason"));
        Assert.True(result.Number("rtt_ms") > 0, $"rtt_ms must be positive in {result.GetRawText()}");
        Assert.True(IPEndPoint.TryParse(result.Text("source") ?? string.Empty, out var source), $"source must be an endpoint in {result.GetRawText()}");
        Assert.Equal(IPAddress.Parse(LabNetwork.Client(family)), source.Address);
        Assert.NotEqual(0, source.Port);
    }

    [Theory]
    [InlineData(AddressFamily.InterNetwork)]
    [InlineData(AddressFamily.InterNetworkV6)]
    public async Task Check_ClosedPort_IsClosedByConnRefused(AddressFamily family)
    {
        lab.RequireLab();

        var run = await ReachCli.RunAsync(lab, "check", LabNetwork.Target(family), Port(LabPorts.Closed), "--json");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("closed", run.Json.Text("status"));
        Assert.False(run.Json.Flag("reachable"));
        var result = run.Json.SingleResult();
        Assert.Equal("closed", result.Text("state"));
        Assert.Equal("conn-refused", result.Text("reason"));
    }

    [Theory]
    [InlineData(AddressFamily.InterNetwork)]
    [InlineData(AddressFamily.InterNetworkV6)]
    public async Task Check_DropPort_IsFilteredNoResponseAfterTheTimeout(AddressFamily family)
    {
        lab.RequireLab();
        var target = LabNetwork.Target(family);

        var run = await RunTimedAsync(
            ["check", target, Port(LabPorts.Closed), "--no-ping", "--json"],
            ["check", target, Port(LabPorts.Drop), "--timeout", "1s", "--no-ping", "--json"],
            TimeSpan.FromSeconds(1));

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("filtered", run.Json.Text("status"));
        var result = run.Json.SingleResult();
        Assert.Equal("filtered", result.Text("state"));
        Assert.Equal("no-response", result.Text("reason"));
    }

    [Theory]
    [InlineData("500ms", 0.5)]
    [InlineData("0.5", 0.5)]
    [InlineData("1s", 1.0)]
    public async Task Check_TimeoutForms_BoundTheWaitForAnAnswer(string timeout, double seconds)
    {
        lab.RequireLab();
        var run = await RunTimedAsync(
            ["check", LabNetwork.TargetV4, Port(LabPorts.Closed), "--no-ping", "--json"],
            ["check", LabNetwork.TargetV4, Port(LabPorts.Drop), "--timeout", timeout, "--no-ping", "--json"],
            TimeSpan.FromSeconds(seconds));

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("no-response", run.Json.SingleResult().Text("reason"));
    }

    [Theory]
    [InlineData(AddressFamily.InterNetwork, LabPorts.HostUnreachable, "host-unreach")]
    [InlineData(AddressFamily.InterNetwork, LabPorts.AdminProhibited, "admin-prohibited")]
    [InlineData(AddressFamily.InterNetwork, LabPorts.NetUnreachable, "net-unreach")]
    [InlineData(AddressFamily.InterNetwork, LabPorts.PortUnreachable, "port-unreach")]
    [InlineData(AddressFamily.InterNetworkV6, LabPorts.HostUnreachable, "host-unreach")]
    [InlineData(AddressFamily.InterNetworkV6, LabPorts.AdminProhibited, "admin-prohibited")]
    [InlineData(AddressFamily.InterNetworkV6, LabPorts.NetUnreachable, "net-unreach")]
    [InlineData(AddressFamily.InterNetworkV6, LabPorts.PortUnreachable, "port-unreach")]
    public async Task Check_RejectedPort_IsFilteredWithTheIcmpReasonReportedByTheTarget(AddressFamily family, int port, string reason)
    {
        lab.RequireLab();
        var target = LabNetwork.Target(family);

        // A long timeout, so that ending early proves the ICMP answer ended the probe even on a loaded machine.
        var run = await ReachCli.RunAsync(lab, "check", target, Port(port), "--timeout", "60s", "--no-ping", "--json");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("filtered", run.Json.Text("status"));
        var result = run.Json.SingleResult();
        Assert.Equal("filtered", result.Text("state"));
        Assert.Equal(reason, result.Text("reason"));
        Assert.Equal(IPAddress.Parse(target), result.Address("reporter"));
        Assert.True(run.Elapsed < TimeSpan.FromSeconds(30), $"an ICMP answer must end the probe long before the 60 s timeout; took {run.Elapsed.TotalMilliseconds:F0} ms");
    }

    [Theory]
    [InlineData(AddressFamily.InterNetwork)]
    [InlineData(AddressFamily.InterNetworkV6)]
    public async Task Check_AddressWithoutRoute_IsFilteredNetUnreachAtOnce(AddressFamily family)
    {
        lab.RequireLab();

        var run = await ReachCli.RunAsync(lab, "check", LabNetwork.NoRoute(family), "80", "--timeout", "60s", "--no-ping", "--json");

        Assert.Equal(1, run.ExitCode);
        var result = run.Json.SingleResult();
        Assert.Equal("filtered", result.Text("state"));
        Assert.Equal("net-unreach", result.Text("reason"));
        Assert.True(run.Elapsed < TimeSpan.FromSeconds(30), $"the kernel fails a connect without route at once, long before the 60 s timeout; took {run.Elapsed.TotalMilliseconds:F0} ms");
    }

    [Theory]
    [InlineData(AddressFamily.InterNetwork)]
    [InlineData(AddressFamily.InterNetworkV6)]
    public async Task Check_Ping_TargetReplies(AddressFamily family)
    {
        lab.RequireLab();
        var target = LabNetwork.Target(family);

        var run = await ReachCli.RunAsync(lab, "check", target, "80", "--json");

        var ping = run.Json.Prop("ping");
        Assert.Equal("reply", ping.Text("status"));
        Assert.Equal(IPAddress.Parse(target), ping.Address("address"));
        Assert.True(ping.Number("rtt_ms") >= 0, $"rtt_ms must be a duration in {ping.GetRawText()}");
    }

    [Fact]
    public async Task Check_NoPing_PingIsSkipped()
    {
        lab.RequireLab();

        var run = await ReachCli.RunAsync(lab, "check", LabNetwork.TargetV4, "80", "--no-ping", "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("skipped", run.Json.Prop("ping").Text("status"));
    }

    [Fact]
    public async Task Check_HostName_IsResolvedFromTheClientHostsFile()
    {
        lab.RequireLab();

        var run = await ReachCli.RunAsync(lab, "check", LabNetwork.TargetName, "80", "--json");

        Assert.Equal(0, run.ExitCode);
        var json = run.Json;
        Assert.Equal(LabNetwork.TargetName, json.Text("host"));
        Assert.Equal(80, json.WholeNumber("port"));
        Assert.Equal("http", json.Text("service"));
        Assert.Equal("resolved", json.Prop("resolution").Text("status"));
        Assert.Equal(
            new[] { IPAddress.Parse(LabNetwork.TargetV4), IPAddress.Parse(LabNetwork.TargetV6) }.ToHashSet(),
            json.Items("addresses").Select(a => IPAddress.Parse(a.GetString()!)).ToHashSet());
        Assert.Equal("open", json.Text("status"));
        Assert.True(json.Flag("reachable"));
        Assert.All(json.Items("results"), r => Assert.Equal("open", r.Text("state")));
    }

    [Fact]
    public async Task Check_NameWithOnlyAnIpv4Address_ProbesThatAddress()
    {
        lab.RequireLab();

        var run = await ReachCli.RunAsync(lab, "check", LabNetwork.V4OnlyName, "80", "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal([LabNetwork.TargetV4], run.Json.Items("addresses").Select(a => a.GetString()));
        Assert.Equal(IPAddress.Parse(LabNetwork.TargetV4), run.Json.SingleResult().Address("address"));
    }

    [Fact]
    public async Task Check_Ipv4Only_ProbesOnlyTheIpv4Address()
    {
        lab.RequireLab();

        var run = await ReachCli.RunAsync(lab, "check", LabNetwork.TargetName, "80", "-4", "--json");

        Assert.Equal(0, run.ExitCode);
        var result = run.Json.SingleResult();
        Assert.Equal(IPAddress.Parse(LabNetwork.TargetV4), result.Address("address"));
        Assert.Equal("open", result.Text("state"));
    }

    [Fact]
    public async Task Check_Ipv6Only_ProbesOnlyTheIpv6Address()
    {
        lab.RequireLab();

        var run = await ReachCli.RunAsync(lab, "check", LabNetwork.TargetName, "80", "-6", "--json");

        Assert.Equal(0, run.ExitCode);
        var result = run.Json.SingleResult();
        Assert.Equal(IPAddress.Parse(LabNetwork.TargetV6), result.Address("address"));
        Assert.Equal("open", result.Text("state"));
    }

    [Fact]
    public async Task Check_AllAddresses_ProbesEveryAddressOfTheName()
    {
        lab.RequireLab();

        var run = await ReachCli.RunAsync(lab, "check", LabNetwork.TargetName, "443", "--all-addresses", "--no-tls", "--json");

        Assert.Equal(0, run.ExitCode);
        var results = run.Json.Items("results");
        Assert.Equal(
            new[] { IPAddress.Parse(LabNetwork.TargetV4), IPAddress.Parse(LabNetwork.TargetV6) }.ToHashSet(),
            results.Select(r => r.Address("address")).ToHashSet());
        Assert.Equal(2, results.Count);
        Assert.All(results, r => Assert.Equal("open", r.Text("state")));
        Assert.All(results, r => Assert.Equal(443, r.WholeNumber("port")));
    }

    [Theory]
    [InlineData("target.lab:443")]
    [InlineData("10.231.0.2:443")]
    [InlineData("[fd00:5eac::2]:443")]
    public async Task Check_TargetWithPort_ProbesThatPort(string target)
    {
        lab.RequireLab();

        // The lab's 443 is a plain TCP listener (it accepts and closes): --no-tls checks the port alone.
        var run = await ReachCli.RunAsync(lab, "check", target, "--no-tls", "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(443, run.Json.WholeNumber("port"));
        Assert.Equal("open", run.Json.Text("status"));
        Assert.All(run.Json.Items("results"), r => Assert.Equal(443, r.WholeNumber("port")));
    }

    [Theory]
    [InlineData("https", 443)]
    [InlineData("postgresql", 5432)]
    public async Task Check_ServiceName_ProbesItsPort(string service, int port)
    {
        lab.RequireLab();

        // The lab's listeners are plain TCP (they accept and close): --no-tls, or 443 would be tls-failed.
        var run = await ReachCli.RunAsync(lab, "check", LabNetwork.TargetName, service, "--no-tls", "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(port, run.Json.WholeNumber("port"));
        Assert.Equal(service, run.Json.Text("service"));
        Assert.Equal("open", run.Json.Text("status"));
    }

    [Fact]
    public async Task Check_UnresolvableName_IsUnresolvedWithoutProbes()
    {
        lab.RequireLab();

        var run = await ReachCli.RunAsync(lab, "check", LabNetwork.UnresolvableName, "80", "--json");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("unresolved", run.Json.Text("status"));
        Assert.False(run.Json.Flag("reachable"));
        Assert.Equal("unresolved", run.Json.Prop("resolution").Text("status"));
        Assert.Empty(run.Json.ItemsOrEmpty("results"));
        Assert.True(run.Elapsed < TimeSpan.FromSeconds(10), $"a failed lookup must not hang; took {run.Elapsed.TotalMilliseconds:F0} ms");
    }

    [Theory]
    [InlineData(LabPorts.Http, 0)]
    [InlineData(LabPorts.Closed, 1)]
    public async Task Check_Quiet_PrintsNothingAndAnswersByExitCode(int port, int exitCode)
    {
        lab.RequireLab();

        var run = await ReachCli.RunAsync(lab, "check", LabNetwork.TargetV4, Port(port), "--quiet");

        Assert.Equal(exitCode, run.ExitCode);
        Assert.Equal(string.Empty, run.StdOut);
        Assert.Equal(string.Empty, run.StdErr);
    }

    [Fact]
    public async Task Check_WithoutJson_PrintsAHumanAnswer()
    {
        lab.RequireLab();

        var run = await ReachCli.RunAsync(lab, "check", LabNetwork.TargetName, "80");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("open", run.StdOut, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("\u001b[", run.StdOut, StringComparison.Ordinal); // redirected: no ANSI escapes
    }

    internal static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Runs <paramref name="baseline"/> (a command answered at once: start-up and output) and then
    /// <paramref name="timed"/>, and asserts that the timed one took about <paramref name="timeout"/> more. On a loaded
    /// machine a stall of a second or two can land in either run, so a pair over the bound is measured once more; a
    /// command that really waits too long fails both.
    /// </summary>
    private async Task<ReachRun> RunTimedAsync(string[] baseline, string[] timed, TimeSpan timeout)
    {
        for (var attempt = 1; ; attempt++)
        {
            var quick = await ReachCli.RunAsync(lab, baseline);
            var run = await ReachCli.RunAsync(lab, timed);
            if (attempt == 2 || run.Elapsed <= quick.Elapsed + timeout + Slack)
            {
                AssertTookAboutTheTimeout(run, quick, timeout);
                return run;
            }
        }
    }

    /// <summary>How much longer than start-up plus the timeout a run may take.</summary>
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(1.5);

    /// <summary>
    /// The run waited for the timeout (no earlier answer can come from a DROP) and not much longer: the baseline is a
    /// run of the same command that got an answer at once, i.e. process start-up and output.
    /// </summary>
    internal static void AssertTookAboutTheTimeout(ReachRun run, ReachRun baseline, TimeSpan timeout)
    {
        var slack = Slack;
        Assert.True(
            run.Elapsed >= timeout * 0.95,
            $"took {run.Elapsed.TotalMilliseconds:F0} ms, less than the {timeout.TotalMilliseconds:F0} ms timeout");
        Assert.True(
            run.Elapsed <= baseline.Elapsed + timeout + slack,
            $"took {run.Elapsed.TotalMilliseconds:F0} ms: more than start-up ({baseline.Elapsed.TotalMilliseconds:F0} ms) + timeout ({timeout.TotalMilliseconds:F0} ms) + {slack.TotalMilliseconds:F0} ms");
    }
}
