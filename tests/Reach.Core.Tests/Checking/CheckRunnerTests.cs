using System.Net;
using Reach.Checking;
using Reach.Core.Tests.TestSupport;
using Reach.Pinging;
using Reach.Probes;
using Reach.Resolution;
using Reach.Targets;

namespace Reach.Core.Tests.Checking;

public class CheckRunnerTests
{
    private static readonly CheckOptions NoPing = new() { Ping = false, Timeout = TimeSpan.FromSeconds(2) };

    private static CheckRunner Runner(Dictionary<string, IPAddress[]>? names = null) =>
        new(new StubResolver(names ?? []), new TcpConnectProbe());

    private static TargetSpec Target(string text)
    {
        Assert.True(TargetParser.TryParse(text, out var target, out var error), error);
        return target;
    }

    [Fact]
    public async Task OpenPort_IsReachable()
    {
        using var listener = new LoopbackListener();

        var report = await Runner().CheckAsync(Target($"127.0.0.1:{listener.Port}"), NoPing, TestContext.Current.CancellationToken);

        Assert.Equal(TargetStatus.Open, report.Status);
        Assert.True(report.Reachable);
        Assert.Equal(ResolutionStatus.Literal, report.Resolution.Status);
        Assert.Equal(PingStatus.Skipped, report.Primary!.Ping.Status);
        Assert.Contains("accepted a TCP connection", report.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnresolvedName_IsAResult_NotAnException()
    {
        var report = await Runner().CheckAsync(Target("nosuch.lab:80"), NoPing, TestContext.Current.CancellationToken);

        Assert.Equal(TargetStatus.Unresolved, report.Status);
        Assert.False(report.Reachable);
        Assert.Empty(report.Checks);
        Assert.Equal("Name or service not known", report.Resolution.Error);
        Assert.Contains("did not resolve", report.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FirstAddressOnly_ByDefault_WithANoteAboutTheOthers()
    {
        var closed = LoopbackListener.ClosedPort();
        var names = new Dictionary<string, IPAddress[]> { ["two.lab"] = [IPAddress.Loopback, IPAddress.Parse("127.0.0.2")] };

        var report = await Runner(names).CheckAsync(Target($"two.lab:{closed.Port}"), NoPing, TestContext.Current.CancellationToken);

        Assert.Equal([IPAddress.Loopback], report.ProbedAddresses);
        Assert.Equal(TargetStatus.Closed, report.Status);
        Assert.Contains("--all-addresses", report.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AllAddresses_ProbesEach_AndOneOpenMakesItReachable()
    {
        using var listener = new LoopbackListener(IPAddress.IPv6Loopback);
        var names = new Dictionary<string, IPAddress[]> { ["dual.lab"] = [IPAddress.Loopback, IPAddress.IPv6Loopback] };

        var report = await Runner(names).CheckAsync(Target($"dual.lab:{listener.Port}"), NoPing with { AllAddresses = true }, TestContext.Current.CancellationToken);

        Assert.Equal(2, report.Checks.Count);
        Assert.Equal(TargetStatus.Open, report.Status);
        Assert.Equal(IPAddress.IPv6Loopback, report.Primary!.Probe!.Remote.Address);
    }

    [Theory]
    [InlineData(AddressFamilyFilter.IPv4Only, "127.0.0.1")]
    [InlineData(AddressFamilyFilter.IPv6Only, "::1")]
    public async Task FamilyFilter_ProbesOnlyThatFamily(AddressFamilyFilter family, string expected)
    {
        using var listener4 = new LoopbackListener();
        var names = new Dictionary<string, IPAddress[]> { ["dual.lab"] = [IPAddress.IPv6Loopback, IPAddress.Loopback] };

        var report = await Runner(names).CheckAsync(Target($"dual.lab:{listener4.Port}"), NoPing with { Family = family }, TestContext.Current.CancellationToken);

        Assert.Equal([IPAddress.Parse(expected)], report.ProbedAddresses);
    }

    [Fact]
    public async Task FamilyFilter_WithNoSuchAddress_IsNoAddress()
    {
        var names = new Dictionary<string, IPAddress[]> { ["v4.lab"] = [IPAddress.Loopback] };

        var report = await Runner(names).CheckAsync(Target("v4.lab:80"), NoPing with { Family = AddressFamilyFilter.IPv6Only }, TestContext.Current.CancellationToken);

        Assert.Equal(TargetStatus.NoAddress, report.Status);
        Assert.Contains("-6", report.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ManyTargets_RunConcurrently_InTheGivenOrder()
    {
        using var listener = new LoopbackListener();
        var closed = LoopbackListener.ClosedPort();
        var targets = Enumerable.Range(0, 200)
            .Select(i => Target(i % 2 == 0 ? $"127.0.0.1:{listener.Port}" : $"127.0.0.1:{closed.Port}"))
            .ToList();

        var progress = new CountingProgress();

        var run = await Runner().RunAsync(targets, NoPing, progress, TestContext.Current.CancellationToken);

        Assert.Equal(200, progress.Count);
        Assert.Equal(200, run.Reports.Count);
        Assert.All(run.Reports.Where((_, i) => i % 2 == 0), r => Assert.Equal(TargetStatus.Open, r.Status));
        Assert.All(run.Reports.Where((_, i) => i % 2 == 1), r => Assert.Equal(TargetStatus.Closed, r.Status));
        Assert.False(run.AllReachable);
        Assert.Equal(new CheckSummary(200, 100, 100, 100, 0, 0, 0), run.Summary);
    }

    [Fact]
    public async Task NoPort_IsAPingOnlyCheck()
    {
        var report = await Runner().CheckAsync(Target("127.0.0.1"), new CheckOptions { Timeout = TimeSpan.FromSeconds(2) }, TestContext.Current.CancellationToken);

        var ping = report.Primary!.Ping;
        Assert.Null(report.Primary.Probe);
        if (ping.Status == PingStatus.Unavailable)
        {
            Assert.Equal(TargetStatus.Unavailable, report.Status);
            Assert.Contains("not available", ping.Message, StringComparison.Ordinal);
        }
        else
        {
            Assert.True(ping.Status == PingStatus.Reply, ping.Message);
            Assert.Equal(TargetStatus.Reply, report.Status);
            Assert.True(report.Reachable);
        }
    }

    [Fact]
    public async Task Detailed_ReportsTheRouteAndReverseNames()
    {
        using var listener = new LoopbackListener();

        var report = await Runner().CheckAsync(Target($"127.0.0.1:{listener.Port}"), NoPing with { Detailed = true }, TestContext.Current.CancellationToken);

        var route = report.Primary!.Route;
        Assert.NotNull(route);
        Assert.Equal(IPAddress.Loopback, route.Source);
        Assert.Equal("lo", route.InterfaceName);
        Assert.Single(report.ReverseNames);
    }

    private sealed class CountingProgress : IProgress<TargetReport>
    {
        private int _count;

        public int Count => _count;

        public void Report(TargetReport value) => Interlocked.Increment(ref _count);
    }
}
