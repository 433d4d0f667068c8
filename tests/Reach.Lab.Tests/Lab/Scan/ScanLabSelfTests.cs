using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Reach.Lab.Tests.Lab.Scan;

/// <summary>
/// Proves the scan lab with plain connect() probes from the client namespace, without reach: every endpoint answers
/// as <see cref="ScanLabLayout"/> says, and the target's listen queues never overflow while being swept.
/// </summary>
public sealed class ScanLabSelfTests(LabFixture lab)
{
    private const int Concurrency = 512;
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(1);

    [Theory]
    [InlineData(AddressFamily.InterNetwork)]
    [InlineData(AddressFamily.InterNetworkV6)]
    public async Task PortRichHost_EveryPort_PlainConnectsMatchTheGroundTruth(AddressFamily family)
    {
        lab.RequireLab();

        await AssertConnectsMatchAsync(ScanGroundTruth.PortRichHost(family));
    }

    [Theory]
    [InlineData(AddressFamily.InterNetwork, 443)]
    [InlineData(AddressFamily.InterNetworkV6, 443)]
    [InlineData(AddressFamily.InterNetworkV6, 22)]
    public async Task AnyIpRange_OnePort_PlainConnectsMatchTheGroundTruth(AddressFamily family, int port)
    {
        lab.RequireLab();

        await AssertConnectsMatchAsync(ScanGroundTruth.AnyIpSweep(family, port));
    }

    [Fact]
    public async Task AnyIpRange_SampleBlocks_AnswerPerPortAsTheGroundTruthSays()
    {
        lab.RequireLab();

        // Listeners on 22 and 443 only; RST elsewhere; the firewall blocks win over the listeners.
        var truth = ScanGroundTruth.For(["10.233.1.0/28", "10.233.7.0/29", "10.233.9.0/29", "10.233.255.240/28"], [21, 22, 80, 443, 8080]);

        await AssertConnectsMatchAsync(truth);
        Assert.Contains(new ScanEndPoint(IPAddress.Parse("10.233.1.0"), 443), truth.Open);
        Assert.Contains(new ScanEndPoint(IPAddress.Parse("10.233.255.255"), 22), truth.Open);
    }

    [Theory]
    [InlineData(AddressFamily.InterNetwork)]
    [InlineData(AddressFamily.InterNetworkV6)]
    public async Task DeadRange_NothingAnswers_NotEvenPing(AddressFamily family)
    {
        lab.RequireLab();
        var ct = TestContext.Current.CancellationToken;
        var truth = ScanGroundTruth.DeadRange(family, [22, 80, 443]);
        Assert.All(truth.Expected.Values, e => Assert.Equal(ScanLabVerdict.Drop, e.Verdict));
        Assert.Empty(truth.HostsUp);

        await AssertConnectsMatchAsync(truth);

        var ping = LabTools.Find("ping");
        Assert.SkipWhen(ping is null, "ping is not installed: apt-get install -y iputils-ping (./test.sh does).");
        var someone = truth.Addresses[7].ToString();
        var result = await lab.RunInClientAsync([ping!, "-c", "1", "-W", "1", someone], TimeSpan.FromSeconds(10), ct);
        Log(result);
        Assert.Equal(1, result.ExitCode); // ping: no reply
        Assert.Contains("0 received", result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScanTarget_ListenQueues_AreSizedForAFastScan()
    {
        lab.RequireLab();
        var ct = TestContext.Current.CancellationToken;

        var sysctls = await lab.RunInScanTargetAsync(["cat", "/proc/sys/net/core/somaxconn", "/proc/sys/net/ipv4/tcp_max_syn_backlog"], cancellationToken: ct);
        var listeners = await lab.RunInScanTargetAsync(["ss", "-Hltn"], cancellationToken: ct);
        Log(sysctls);
        Log(listeners);

        Assert.Equal(
            [LabBuilder.ScanAcceptBacklog.ToString(CultureInfo.InvariantCulture), LabBuilder.ScanSynBacklog.ToString(CultureInfo.InvariantCulture)],
            Lines(sysctls.StdOut));
        // ss -l: State Recv-Q Send-Q Local Peer; Send-Q of a listener is its backlog.
        var backlogs = Lines(listeners.StdOut).Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[2]).ToList();
        Assert.Equal(lab.ScanLayout.Listeners.Count, backlogs.Count);
        Assert.All(backlogs, b => Assert.Equal(LabBuilder.ScanAcceptBacklog.ToString(CultureInfo.InvariantCulture), b));
    }

    [Fact]
    public async Task ScanTarget_IcmpErrorRateLimitsAreOff_AndThereIsNoDefaultRoute()
    {
        lab.RequireLab();
        var ct = TestContext.Current.CancellationToken;

        var limits = await lab.RunInScanTargetAsync(
            ["cat", "/proc/sys/net/ipv4/icmp_ratelimit", "/proc/sys/net/ipv4/icmp_ratemask", "/proc/sys/net/ipv6/icmp/ratelimit"],
            cancellationToken: ct);
        var v4 = await lab.RunInScanTargetAsync([lab.IpPath, "-4", "route", "show", "default"], cancellationToken: ct);
        var v6 = await lab.RunInScanTargetAsync([lab.IpPath, "-6", "route", "show", "default"], cancellationToken: ct);
        Log(limits);

        Assert.Equal(["0", "0", "0"], Lines(limits.StdOut));
        Assert.Equal(string.Empty, v4.StdOut.Trim());
        Assert.Equal(string.Empty, v6.StdOut.Trim());
    }

    [Fact]
    public async Task ScanTarget_FirewallRules_AreTheLayoutsRulesInOrder()
    {
        lab.RequireLab();
        var ct = TestContext.Current.CancellationToken;

        foreach (var (tool, family) in new[] { ("iptables", AddressFamily.InterNetwork), ("ip6tables", AddressFamily.InterNetworkV6) })
        {
            var listed = await lab.RunInScanTargetAsync([LabTools.Find(tool) ?? tool, "-S", "INPUT"], cancellationToken: ct);
            Log(listed);
            var destinations = Lines(listed.StdOut)
                .Where(line => line.StartsWith("-A INPUT", StringComparison.Ordinal))
                .Select(line => line.Split(' ')[3])
                .ToList();
            var expected = lab.ScanLayout.Rules.Where(r => r.Family == family).Select(r => r.Destination.ToString()).ToList();
            Assert.Equal(expected, destinations);
        }
    }

    [Fact]
    public async Task ScanHostName_ResolvesToThePortRichHost()
    {
        lab.RequireLab();

        var result = await lab.RunInClientAsync(["getent", "ahosts", ScanLabNetwork.HostName], TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        Log(result);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(ScanLabNetwork.HostV4, result.StdOut, StringComparison.Ordinal);
        Assert.Contains(ScanLabNetwork.HostV6, result.StdOut, StringComparison.Ordinal);
    }

    /// <summary>Sweeps every endpoint of the truth with plain connects; no listen queue may overflow meanwhile.</summary>
    private async Task AssertConnectsMatchAsync(ScanGroundTruth truth)
    {
        var ct = TestContext.Current.CancellationToken;
        var endPoints = truth.Expected.Keys.ToList();
        var before = await NetCounters.ReadAsync(lab, lab.ScanNamespace, ct);

        var started = DateTime.UtcNow;
        var observed = await ClientConnectSweep.RunAsync(lab, endPoints, Concurrency, ProbeTimeout, ct);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{endPoints.Count} connects in {(DateTime.UtcNow - started).TotalSeconds:F1} s: "
            + string.Join(", ", observed.Values.GroupBy(e => e).Select(g => $"{g.Key} {g.Count()}")));

        var after = await NetCounters.ReadAsync(lab, lab.ScanNamespace, ct);
        Assert.Empty(NetCounters.Changed(before, after, NetCounters.ListenQueueDrops));
        // A resetting listener's RST may overtake the connect completion (ECONNRESET): that is its expected answer too.
        ScanAssert.SameOutcomes(
            truth.Expected.ToDictionary(e => e.Key, e => e.Value.ConnectError.ToString()),
            observed.ToDictionary(
                o => o.Key,
                o => truth.Expected.TryGetValue(o.Key, out var e) && e.AllowsConnectResult(o.Value) ? e.ConnectError.ToString() : o.Value.ToString()),
            "plain connects");
    }

    private static string[] Lines(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static void Log(CommandResult result) => TestContext.Current.TestOutputHelper?.WriteLine(result.Describe());
}
