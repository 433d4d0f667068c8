using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Reach.Scanning;

namespace Reach.Lab.Tests.Lab.Scan;

/// <summary>
/// Proves the firewalled target (<see cref="FirewallLabLayout"/>) with plain connect() probes from the client
/// namespace, without reach: silence where it DROPs, admin-prohibited (sometimes) where it REJECTs, a SYN rate limiter
/// that bites in a burst and not at a slow pace, a lossy link that loses some but not all. Bounds, never exact counts,
/// where the kernel's rate limits or chance decide.
/// </summary>
public sealed class FirewallLabSelfTests(LabFixture lab)
{
    private const int Concurrency = 512;
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(1);

    /// <summary>Shorter than the kernel's first SYN retransmission (1 s): one probe is one SYN.</summary>
    private static readonly TimeSpan OneSynTimeout = TimeSpan.FromMilliseconds(500);

    [Theory]
    [InlineData(AddressFamily.InterNetwork)]
    [InlineData(AddressFamily.InterNetworkV6)]
    public async Task DenyHost_Top1000_OpenPortsConnectAndTheRestTimeOut(AddressFamily family)
    {
        lab.RequireLab();
        var host = FirewallLabNetwork.Deny(family);
        var truth = ScanGroundTruth.Firewalled([host], [.. TopPorts.Ports.ToArray().Select(p => (int)p)]);

        var observed = await AssertConnectsMatchAsync(truth);

        Assert.Equal(SocketError.Success, observed[new ScanEndPoint(IPAddress.Parse(host), 22)]);
        Assert.Equal(SocketError.TimedOut, observed[new ScanEndPoint(IPAddress.Parse(host), 23)]);
    }

    [Theory]
    [InlineData(AddressFamily.InterNetwork)]
    [InlineData(AddressFamily.InterNetworkV6)]
    public async Task Deny24_SampleHosts_OpenExactlyTheirPorts(AddressFamily family)
    {
        lab.RequireLab();
        // 0 opens everything, 1 and 13 nothing (dark), 30 22/80/443, 77 3389/8080, 210 22/80/443/3389, 255 80/443.
        var addresses = IpRanges.Addresses(FirewallLabNetwork.Deny24(family)).ToList();
        var sample = new[] { 0, 1, 13, 30, 77, 210, 255 }.Select(i => addresses[i]);
        var truth = ScanGroundTruth.For(sample, FirewallLabNetwork.ListenPorts.Append(23).Append(65535), lab.FirewallLayout);

        await AssertConnectsMatchAsync(truth);
        Assert.Equal(2, truth.HostsDown.Count);
    }

    /// <summary>
    /// The REJECT rule answers admin-prohibited, but at the kernel's default ICMP error rate limits: a burst of 100
    /// probes gets far fewer answers, the rest is silence; the kernel's own counters say it held the errors back.
    /// </summary>
    [Theory]
    [InlineData(AddressFamily.InterNetwork)]
    [InlineData(AddressFamily.InterNetworkV6)]
    public async Task RejectHost_AnswersAdminProhibited_ButMostOfABurstIsSilence(AddressFamily family)
    {
        lab.RequireLab();
        var ct = TestContext.Current.CancellationToken;
        var host = IPAddress.Parse(FirewallLabNetwork.Reject(family));
        var rejected = lab.FirewallLayout.Expect(host, 1000);
        Assert.Equal(ScanLabHazard.IcmpRateLimit, rejected.Hazard);
        var icmp = rejected.ConnectError; // v4 EHOSTUNREACH, v6 EACCES: only admin-prohibited is sent from this host
        var (sent, limited) = family == AddressFamily.InterNetworkV6
            ? ("Icmp6OutDestUnreachs", "Icmp6OutRateLimitHost")
            : ("IcmpOutDestUnreachs", "IcmpOutRateLimitHost");

        var open = await ClientConnectSweep.RunAsync(lab, [.. FirewallLabNetwork.OpenPorts.Select(p => new ScanEndPoint(host, p))], 3, ProbeTimeout, ct);
        var before = await NetCounters.ReadAsync(lab, lab.FirewallNamespace, ct);
        var burst = await ClientConnectSweep.RunAsync(lab, Ports(host, 1000, 100), 100, OneSynTimeout, ct);
        var after = await NetCounters.ReadAsync(lab, lab.FirewallNamespace, ct);
        // One at a time, a second apart (the IPv4 limit refills one error per second): an answer comes at last.
        var slow = await ClientConnectSweep.RunAsync(lab, Ports(host, 1100, 5), 1, ProbeTimeout, ct, spacing: TimeSpan.FromSeconds(1));

        var answered = burst.Values.Count(e => e == icmp);
        Log($"burst: {Count(burst)}; ICMP sent {after[sent] - before[sent]}, held back by the per-host limit {after[limited] - before[limited]}; slow: {Count(slow)}");
        Assert.All(open.Values, e => Assert.Equal(SocketError.Success, e));
        Assert.All(burst.Values.Concat(slow.Values), e => Assert.True(e == icmp || e == SocketError.TimedOut, e.ToString()));
        Assert.True(answered + slow.Values.Count(e => e == icmp) >= 1, "the REJECT rule never answered admin-prohibited");
        Assert.True(answered <= 50, $"{answered} of 100 rejects answered in a burst: the ICMP error rate limits are not the kernel's defaults");
        Assert.True(after[limited] > before[limited], $"{limited} did not move: the kernel held no ICMP error back");
    }

    /// <summary>A burst of 200 SYNs to closed ports gets far fewer than 200 RSTs; the same at 100 SYNs/s gets every one.</summary>
    [Theory]
    [InlineData(AddressFamily.InterNetwork)]
    [InlineData(AddressFamily.InterNetworkV6)]
    public async Task LimitedHost_DropsSynsAboveTheRate_NotBelow(AddressFamily family)
    {
        lab.RequireLab();
        var ct = TestContext.Current.CancellationToken;
        var host = IPAddress.Parse(FirewallLabNetwork.Limited(family));
        Assert.Equal(ScanLabVerdict.NoListener, lab.FirewallLayout.Expect(host, 2000).Verdict);

        var burst = await ClientConnectSweep.RunAsync(lab, Ports(host, 2000, 200), 200, OneSynTimeout, ct);
        await Task.Delay(TimeSpan.FromSeconds(1), ct); // the bucket refills (20 SYNs at 200/s: 0.1 s)
        var paced = await ClientConnectSweep.RunAsync(
            lab, Ports(host, 2200, 50), 1, ProbeTimeout, ct, spacing: TimeSpan.FromSeconds(1.0 / (FirewallLabNetwork.LimitRate / 2)));

        var refused = burst.Values.Count(e => e == SocketError.ConnectionRefused);
        Log($"burst of 200: {Count(burst)}; 50 at {FirewallLabNetwork.LimitRate / 2}/s: {Count(paced)}");
        Assert.All(burst.Values, e => Assert.True(e is SocketError.ConnectionRefused or SocketError.TimedOut, e.ToString()));
        Assert.InRange(refused, FirewallLabNetwork.LimitBurst / 2, 100);
        Assert.All(paced.Values, e => Assert.Equal(SocketError.ConnectionRefused, e));
    }

    /// <summary>200 probes of the lossy host: some are lost (either way), most are answered, none answered wrongly.</summary>
    [Theory]
    [InlineData(AddressFamily.InterNetwork)]
    [InlineData(AddressFamily.InterNetworkV6)]
    public async Task LossyHost_LosesSomeButNotAll(AddressFamily family)
    {
        lab.RequireLab();
        var ct = TestContext.Current.CancellationToken;
        var host = IPAddress.Parse(FirewallLabNetwork.Lossy(family));
        var endPoints = Ports(host, 3000, 195).Concat(FirewallLabNetwork.ListenPorts.Select(p => new ScanEndPoint(host, p))).ToList();

        var observed = await ClientConnectSweep.RunAsync(lab, endPoints, 50, OneSynTimeout, ct);

        var lost = observed.Values.Count(e => e == SocketError.TimedOut);
        Log($"200 probes at loss {FirewallLabNetwork.Loss} each way: {Count(observed)}");
        Assert.All(observed, o => Assert.True(
            o.Value == SocketError.TimedOut || o.Value == lab.FirewallLayout.Expect(o.Key.Address, o.Key.Port).ConnectError,
            $"{o.Key}: {o.Value}"));
        // Each probe is lost with about 1 - 0.9² = 19 %: 38 of 200 expected; 0 or over 100 would take a broken rule.
        Assert.InRange(lost, 1, 100);
    }

    [Fact]
    public async Task FirewalledTarget_QueuesAreSized_IcmpLimitsAreTheKernelDefaults_ClientHasNoDefaultRoute()
    {
        lab.RequireLab();
        var ct = TestContext.Current.CancellationToken;

        var sysctls = await lab.RunInFirewallTargetAsync(
            ["cat", "/proc/sys/net/core/somaxconn", "/proc/sys/net/ipv4/tcp_max_syn_backlog", "/proc/sys/net/ipv4/icmp_ratelimit",
                "/proc/sys/net/ipv4/icmp_ratemask", "/proc/sys/net/ipv6/icmp/ratelimit"],
            cancellationToken: ct);
        var listeners = await lab.RunInFirewallTargetAsync(["ss", "-Hltn"], cancellationToken: ct);
        var v4 = await lab.RunInClientAsync([lab.IpPath, "-4", "route", "show", "default"], cancellationToken: ct);
        var v6 = await lab.RunInClientAsync([lab.IpPath, "-6", "route", "show", "default"], cancellationToken: ct);
        Log(sysctls.Describe());
        Log(listeners.Describe());

        var values = Lines(sysctls.StdOut);
        Assert.Equal(LabBuilder.ScanAcceptBacklog.ToString(CultureInfo.InvariantCulture), values[0]);
        Assert.Equal(LabBuilder.ScanSynBacklog.ToString(CultureInfo.InvariantCulture), values[1]);
        Assert.All(values.Skip(2), v => Assert.NotEqual("0", v)); // rate limits on: the kernel's defaults
        var backlogs = Lines(listeners.StdOut).Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[2]).ToList();
        Assert.Equal(lab.FirewallLayout.Listeners.Count, backlogs.Count);
        Assert.All(backlogs, b => Assert.Equal(LabBuilder.ScanAcceptBacklog.ToString(CultureInfo.InvariantCulture), b));
        Assert.Equal(string.Empty, v4.StdOut.Trim());
        Assert.Equal(string.Empty, v6.StdOut.Trim());
    }

    /// <summary>iptables -S shows the layout's rules, in order (address and target compared; iptables spells the matches its own way).</summary>
    [Fact]
    public async Task FirewalledTarget_Rules_AreTheLayoutsRulesInOrder()
    {
        lab.RequireLab();
        var ct = TestContext.Current.CancellationToken;

        foreach (var (tool, family) in new[] { ("iptables", AddressFamily.InterNetwork), ("ip6tables", AddressFamily.InterNetworkV6) })
        {
            var listed = await lab.RunInFirewallTargetAsync([LabTools.Find(tool) ?? tool, "-S"], cancellationToken: ct);
            var actual = Lines(listed.StdOut).Where(line => line.StartsWith("-A ", StringComparison.Ordinal)).Select(Summary).ToList();
            // iptables -S lists chain by chain (INPUT, FORWARD, OUTPUT), each in its own order.
            var expected = lab.FirewallLayout.Rules
                .Where(r => r.Family == family)
                .OrderBy(r => r.Chain == FirewallLabRule.Output)
                .Select(r => Summary(r.Line()))
                .ToList();
            Assert.Equal(expected, actual);
        }

        // "-A CHAIN ADDRESS TARGET", the address normalised (iptables -S adds /32, /128).
        static string Summary(string line)
        {
            var words = line.Split(' ');
            var address = words[Array.FindIndex(words, w => w is "-d" or "-s") + 1];
            var network = address.Contains('/', StringComparison.Ordinal) ? IPNetwork.Parse(address) : new IPNetwork(IPAddress.Parse(address), IPAddress.Parse(address).AddressFamily == AddressFamily.InterNetworkV6 ? 128 : 32);
            var hazard = line.Contains("hashlimit", StringComparison.Ordinal) ? " hashlimit" : line.Contains("statistic", StringComparison.Ordinal) ? " statistic" : string.Empty;
            return $"{words[1]} {network}{hazard} {words[Array.IndexOf(words, "-j") + 1]}";
        }
    }

    /// <summary>Plain connects to every endpoint of the truth match its connect errors exactly (no hazard allowed here).</summary>
    private async Task<IReadOnlyDictionary<ScanEndPoint, SocketError>> AssertConnectsMatchAsync(ScanGroundTruth truth)
    {
        var ct = TestContext.Current.CancellationToken;
        Assert.All(truth.Expected.Values, e => Assert.False(e.MayBeSilent, $"{e}: not a deterministic endpoint"));
        var before = await NetCounters.ReadAsync(lab, lab.FirewallNamespace, ct);
        var observed = await ClientConnectSweep.RunAsync(lab, [.. truth.Expected.Keys], Concurrency, ProbeTimeout, ct);
        var after = await NetCounters.ReadAsync(lab, lab.FirewallNamespace, ct);
        Log($"{truth.Count} connects: {Count(observed)}");

        Assert.Empty(NetCounters.Changed(before, after, NetCounters.ListenQueueDrops));
        ScanAssert.SameOutcomes(
            truth.Expected.ToDictionary(e => e.Key, e => e.Value.ConnectError.ToString()),
            observed.ToDictionary(o => o.Key, o => o.Value.ToString()),
            "plain connects");
        return observed;
    }

    private static List<ScanEndPoint> Ports(IPAddress host, int first, int count) =>
        [.. Enumerable.Range(first, count).Select(p => new ScanEndPoint(host, p))];

    private static string Count(IReadOnlyDictionary<ScanEndPoint, SocketError> observed) =>
        string.Join(", ", observed.Values.GroupBy(e => e).OrderBy(g => g.Key.ToString()).Select(g => $"{g.Key} {g.Count()}"));

    private static string[] Lines(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static void Log(string text) => TestContext.Current.TestOutputHelper?.WriteLine(text);
}
