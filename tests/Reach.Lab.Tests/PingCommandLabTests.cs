using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Reach.Lab.Tests.Cli;
using Reach.Lab.Tests.Lab;

namespace Reach.Lab.Tests;

/// <summary><c>reach ping</c> from the lab's client namespace to the lab target.</summary>
public sealed class PingCommandLabTests(LabFixture lab)
{
    /// <summary>A port no lab rule or listener uses: these tests open and close their own listener on it.</summary>
    private const int FlappingPort = 7001;

    [Theory]
    [InlineData(AddressFamily.InterNetwork)]
    [InlineData(AddressFamily.InterNetworkV6)]
    public async Task Ping_OpenPort_EveryProbeOpen_ExitZero(AddressFamily family)
    {
        lab.RequireLab();
        var target = LabNetwork.Target(family);

        var run = await ReachCli.RunAsync(lab, "ping", target, "80", "-n", "5", "-i", "100ms");

        Assert.Equal(0, run.ExitCode);
        var lines = run.StdOut.Split('\n').Where(l => l.StartsWith("seq=", StringComparison.Ordinal)).ToArray();
        Assert.Equal(5, lines.Length);
        Assert.All(lines, l => Assert.Matches($@"^seq=\d {Regex(LabNetwork.EndPoint(target, 80))} open time=\d+\.\d{{3}} ms$", l));
        Assert.Contains("5 probes sent, 5 succeeded, 0 failed, 0% loss", run.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ping_PortStoppedAndRestartedMidRun_ReportsTheDownInterval()
    {
        lab.RequireLab();
        var endPoint = new IPEndPoint(IPAddress.Parse(LabNetwork.TargetV4), FlappingPort);
        var listener = LabListeners.Start(lab.TargetNamespace, [endPoint]);
        LabListeners? restarted = null;
        try
        {
            var ping = ReachCli.RunAsync(lab, "ping", LabNetwork.TargetV4, Port(FlappingPort), "-n", "40", "-i", "100ms", "--json");

            // Stop only once reach is probing (its start-up time varies), for about 6 probes, then listen again.
            for (var i = 0; i < 200 && listener.Accepted < 3 && !ping.IsCompleted; i++)
            {
                await Task.Delay(50, TestContext.Current.CancellationToken);
            }

            Assert.True(listener.Accepted >= 3, "reach did not start probing within 10 s");
            await listener.DisposeAsync();
            await Task.Delay(600, TestContext.Current.CancellationToken);
            restarted = LabListeners.Start(lab.TargetNamespace, [endPoint]);

            var run = await ping;

            Assert.Equal(1, run.ExitCode);
            var records = run.StdOut.TrimEnd().Split('\n').Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToArray();
            var probes = records.Where(r => r.GetProperty("type").GetString() == "probe").ToArray();
            var summary = records.Single(r => r.GetProperty("type").GetString() == "summary");
            Assert.Equal(40, probes.Length);
            Assert.Equal("open", probes[0].GetProperty("state").GetString());
            Assert.Equal("open", probes[^1].GetProperty("state").GetString());

            var down = Assert.Single(summary.GetProperty("down_intervals").EnumerateArray());
            Assert.False(down.GetProperty("ongoing").GetBoolean());
            var downProbes = down.GetProperty("probes").GetInt32();
            Assert.InRange(downProbes, 3, 12);
            Assert.InRange(down.GetProperty("duration_ms").GetDouble(), 250, 1500);
            Assert.Equal(downProbes, summary.GetProperty("failed").GetInt32());
            var changes = summary.GetProperty("state_changes").EnumerateArray().Select(c => (c.GetProperty("from").GetString(), c.GetProperty("to").GetString())).ToArray();
            Assert.Equal([("open", "closed"), ("closed", "open")], changes);
            Assert.All(
                probes.Where(p => p.GetProperty("state").GetString() == "closed"),
                p => Assert.Equal("conn-refused", p.GetProperty("reason").GetString()));
        }
        finally
        {
            await listener.DisposeAsync();
            if (restarted is not null)
            {
                await restarted.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Ping_PortStoppedAndRestarted_TextSummaryNamesTheDownInterval()
    {
        lab.RequireLab();
        var endPoint = new IPEndPoint(IPAddress.Parse(LabNetwork.TargetV4), FlappingPort + 1);
        var listener = LabListeners.Start(lab.TargetNamespace, [endPoint]);
        LabListeners? restarted = null;
        try
        {
            var ping = ReachCli.RunAsync(lab, "ping", LabNetwork.TargetV4, Port(FlappingPort + 1), "-n", "25", "-i", "100ms");
            for (var i = 0; i < 200 && listener.Accepted < 3 && !ping.IsCompleted; i++)
            {
                await Task.Delay(50, TestContext.Current.CancellationToken);
            }

            await listener.DisposeAsync();
            await Task.Delay(500, TestContext.Current.CancellationToken);
            restarted = LabListeners.Start(lab.TargetNamespace, [endPoint]);
            var run = await ping;

            Assert.Equal(1, run.ExitCode);
            Assert.Matches(@"down \d\d:\d\d:\d\d → \d\d:\d\d:\d\d, [\d.]+ m?s, \d+ probes", run.StdOut);
            Assert.Matches(@"seq=\d+: open → closed \(conn-refused\)", run.StdOut);
            Assert.Matches(@"seq=\d+: closed → open", run.StdOut);
        }
        finally
        {
            await listener.DisposeAsync();
            if (restarted is not null)
            {
                await restarted.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Ping_DropPort_FilteredNoResponse_ExitOne()
    {
        lab.RequireLab();

        var run = await ReachCli.RunAsync(lab, "ping", LabNetwork.TargetV4, Port(LabPorts.Drop), "-n", "3", "-i", "100ms", "-t", "300ms");

        Assert.Equal(1, run.ExitCode);
        var lines = run.StdOut.Split('\n').Where(l => l.StartsWith("seq=", StringComparison.Ordinal)).ToArray();
        Assert.Equal(3, lines.Length);
        Assert.All(lines, l => Assert.EndsWith("filtered (no-response) no answer within 300ms", l, StringComparison.Ordinal));
        Assert.Contains("3 probes sent, 0 succeeded, 3 failed, 100% loss", run.StdOut, StringComparison.Ordinal);
        Assert.InRange(run.Elapsed, TimeSpan.FromMilliseconds(900), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Ping_AdminProhibitedPort_FilteredWithTheIcmpReason()
    {
        lab.RequireLab();

        var run = await ReachCli.RunAsync(lab, "ping", LabNetwork.TargetV4, Port(LabPorts.AdminProhibited), "-n", "2", "-i", "100ms", "--json");

        Assert.Equal(1, run.ExitCode);
        var probe = JsonDocument.Parse(run.StdOut.Split('\n')[0]).RootElement;
        Assert.Equal("filtered", probe.GetProperty("state").GetString());
        Assert.Equal("admin-prohibited", probe.GetProperty("reason").GetString());
        Assert.True(probe.GetProperty("rtt_ms").GetDouble() > 0);
    }

    [Fact]
    public async Task Ping_Icmp_RepliesFromTheTarget_ExitZero()
    {
        lab.RequireLab();

        var run = await ReachCli.RunAsync(lab, "ping", LabNetwork.TargetName, "--icmp", "-4", "-n", "3", "-i", "100ms");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("with ICMP echo", run.StdOut, StringComparison.Ordinal);
        Assert.Equal(3, run.StdOut.Split('\n').Count(l => l.StartsWith("seq=", StringComparison.Ordinal) && l.Contains(" reply time", StringComparison.Ordinal)));
        // As root reach sends the echo itself: round trips with microseconds, no "whole milliseconds" note.
        Assert.All(
            run.StdOut.Split('\n').Where(l => l.StartsWith("seq=", StringComparison.Ordinal)),
            l => Assert.Matches(@" reply time=\d+\.\d{3} ms$", l));
        Assert.DoesNotContain("whole milliseconds", run.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ping_UnresolvableName_OneLine_ExitOne()
    {
        lab.RequireLab();

        var run = await ReachCli.RunAsync(lab, "ping", LabNetwork.UnresolvableName, "80", "-n", "1");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"reach: cannot resolve '{LabNetwork.UnresolvableName}'", run.StdErr, StringComparison.Ordinal);
        Assert.Single(run.StdErr.TrimEnd().Split('\n'));
    }

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);

    private static string Regex(string text) => System.Text.RegularExpressions.Regex.Escape(text);
}
