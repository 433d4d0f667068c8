using System.Net.Sockets;
using Reach.Lab.Tests.Cli;
using Reach.Lab.Tests.Lab;
using Reach.Lab.Tests.Lab.Scan;
using Reach.Scanning;

namespace Reach.Lab.Tests.Scan;

/// <summary>
/// <c>reach scan</c> against the firewalled target (issue 12: "silence is filtering, not congestion"), compared with
/// the ground truth of <see cref="FirewallLabLayout"/>: a default-deny host (IPv4, IPv6), a default-reject host at the
/// kernel's ICMP error rate limits, a /24 of default-deny hosts, a SYN rate-limited host and a lossy host. Verdicts and
/// reasons only; the process timeouts are generous on purpose (bench/scan.sh deny-top, deny-all, deny24, limited and
/// lossy judge speed against nmap).
/// </summary>
public sealed class ScanCommandFirewalledLabTests(LabFixture lab)
{
    private const string Silence = "filtered/no-response";

    /// <summary>Open exactly the accepted ports (syn-ack), every other port filtered/no-response; the summary agrees.</summary>
    [Theory]
    [InlineData(AddressFamily.InterNetwork)]
    [InlineData(AddressFamily.InterNetworkV6)]
    public async Task Scan_DefaultDenyHost_Top1000_OpenPortsOpen_EveryOtherPortFilteredNoResponse(AddressFamily family)
    {
        lab.RequireLab();
        var host = FirewallLabNetwork.Deny(family);
        var truth = ScanGroundTruth.Firewalled([host], Top(1000));

        var (run, scan) = await ScanLab.ScanFirewalledAsync(lab, ScanLab.FirewalledRun, host, "--top", "1000", "--all", "--format", "jsonl");

        Assert.Equal(0, run.ExitCode);
        Log(scan);
        ScanAssert.SameSet(truth.Open, scan.WithState("open"), $"open ports of the default-deny host {host}");
        ScanAssert.SameOutcomes(truth.StatesAndReasons(), scan.StatesAndReasons, $"reach scan {host} --top 1000");
        scan.AssertSummary(truth);
    }

    /// <summary>All 65,535 ports of the default-deny host: 3 open, 65,532 filtered/no-response.</summary>
    [Fact]
    public async Task Scan_DefaultDenyHost_AllPorts_OpenPortsOpen_EveryOtherPortFilteredNoResponse()
    {
        lab.RequireLab();
        var host = FirewallLabNetwork.DenyV4;
        var truth = ScanGroundTruth.Firewalled([host], ScanGroundTruth.AllPorts);
        Assert.Equal(65535 - FirewallLabNetwork.OpenPorts.Count, truth.Filtered.Count);

        var (run, scan) = await ScanLab.ScanFirewalledAsync(lab, ScanLab.FirewalledRun, host, "-p", "1-65535", "--all", "--format", "jsonl");

        Assert.Equal(0, run.ExitCode);
        Log(scan);
        ScanAssert.SameSet(truth.Open, scan.WithState("open"), $"open ports of the default-deny host {host}");
        ScanAssert.SameOutcomes(truth.StatesAndReasons(), scan.StatesAndReasons, $"reach scan {host} -p 1-65535");
        scan.AssertSummary(truth);
    }

    /// <summary>
    /// Open exactly the accepted ports; every other port filtered, with reason admin-prohibited where the ICMP error
    /// came back and no-response where the kernel's rate limit held it back; nothing closed, no other reason.
    /// </summary>
    [Theory]
    [InlineData(AddressFamily.InterNetwork)]
    [InlineData(AddressFamily.InterNetworkV6)]
    public async Task Scan_DefaultRejectHost_Top1000_OpenPortsOpen_EveryOtherPortFilteredAdminProhibitedOrNoResponse(AddressFamily family)
    {
        lab.RequireLab();
        var host = FirewallLabNetwork.Reject(family);
        var truth = ScanGroundTruth.Firewalled([host], Top(1000));

        var (run, scan) = await ScanLab.ScanFirewalledAsync(lab, ScanLab.FirewalledRun, host, "--top", "1000", "--all", "--format", "jsonl");

        Assert.Equal(0, run.ExitCode);
        Log(scan);
        ScanAssert.SameSet(truth.Open, scan.WithState("open"), $"open ports of the default-reject host {host}");
        Assert.Empty(scan.WithState("closed"));
        ScanAssert.SameOutcomes(
            truth.StatesAndReasons(),
            SilenceTolerated(truth, scan, e => e.Verdict == ScanLabVerdict.RejectAdminProhibited),
            $"reach scan {host} --top 1000 (admin-prohibited, or no-response where the ICMP error was rate-limited)");
        scan.AssertSummary(truth);
    }

    /// <summary>
    /// 256 default-deny hosts, each with its own open ports among the 100 scanned (<see cref="FirewallLabNetwork.Deny24OpenPorts"/>):
    /// the exact open set per host, everything else filtered/no-response, and a host with no open port is down.
    /// </summary>
    [Theory]
    [InlineData(AddressFamily.InterNetwork)]
    [InlineData(AddressFamily.InterNetworkV6)]
    public async Task Scan_DefaultDenyRange_Top100_ExactOpenPortsPerHost_DarkHostsDown(AddressFamily family)
    {
        lab.RequireLab();
        var range = FirewallLabNetwork.Deny24(family);
        var truth = ScanGroundTruth.Firewalled([range], Top(100));
        Assert.NotEmpty(truth.HostsDown);

        var (run, scan) = await ScanLab.ScanFirewalledAsync(lab, ScanLab.FirewalledRun, range, "--top", "100", "--all", "--format", "jsonl");

        Assert.Equal(0, run.ExitCode);
        Log(scan);
        ScanAssert.SameSet(truth.Open, scan.WithState("open"), $"open ports of {range}");
        ScanAssert.SameOutcomes(truth.StatesAndReasons(), scan.StatesAndReasons, $"reach scan {range} --top 100");
        scan.AssertSummary(truth);
    }

    /// <summary>
    /// A host that drops SYNs above 200/s (burst 20): every open port found, none reported open that is not, and every
    /// closed port closed/conn-refused. A scanner must notice the drops on a host that answers and slow down, not call
    /// the dropped probes filtered.
    /// </summary>
    [Fact]
    public async Task Scan_RateLimitedHost_Ports1To1000_ExactOpenSet_ClosedPortsClosed()
    {
        lab.RequireLab();
        var host = FirewallLabNetwork.LimitedV4;
        var truth = ScanGroundTruth.Firewalled([host], ScanGroundTruth.PortRange(1, 1000));

        var (run, scan) = await ScanLab.ScanFirewalledAsync(lab, ScanLab.FirewalledRun, host, "-p", "1-1000", "--all", "--format", "jsonl");

        Assert.Equal(0, run.ExitCode);
        Log(scan);
        ScanAssert.SameSet(truth.Open, scan.WithState("open"), $"open ports of the rate-limited host {host}");
        ScanAssert.SameOutcomes(truth.StatesAndReasons(), scan.StatesAndReasons, $"reach scan {host} -p 1-1000 (SYNs above {FirewallLabNetwork.LimitRate}/s dropped)");
        scan.AssertSummary(truth);
    }

    /// <summary>
    /// A host that loses 10 % of the packets each way: every open port found, none reported open that is not; closed
    /// ports closed/conn-refused, except that a port whose every attempt was lost may be filtered/no-response (counted
    /// in the output; at most 10 % of them: one attempt alone loses about 19 %).
    /// </summary>
    [Fact]
    public async Task Scan_LossyHost_Ports1To1000_ExactOpenSet_ClosedPortsClosedUnlessEveryAttemptWasLost()
    {
        lab.RequireLab();
        var host = FirewallLabNetwork.LossyV4;
        var truth = ScanGroundTruth.Firewalled([host], ScanGroundTruth.PortRange(1, 1000));

        var (run, scan) = await ScanLab.ScanFirewalledAsync(lab, ScanLab.FirewalledRun, host, "-p", "1-1000", "--all", "--format", "jsonl");

        Assert.Equal(0, run.ExitCode);
        Log(scan);
        ScanAssert.SameSet(truth.Open, scan.WithState("open"), $"open ports of the lossy host {host}");
        ScanAssert.SameOutcomes(
            truth.StatesAndReasons(),
            SilenceTolerated(truth, scan, e => e.State == ScanLabExpectation.Closed),
            $"reach scan {host} -p 1-1000 (closed, or no-response where every attempt was lost)");
        var lost = scan.StatesAndReasons.Count(o => o.Value == Silence);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"lossy host at {FirewallLabNetwork.Loss} each way: {lost} of {truth.Closed.Count} closed ports reported {Silence} (every attempt lost)");
        Assert.True(lost <= truth.Closed.Count / 10, $"{lost} of {truth.Closed.Count} closed ports lost: silence on a host that answers is not retried enough");
        scan.AssertSummary(
            hosts: 1, hostsUp: 1, hostsDown: 0, portsScanned: truth.Count, open: truth.Open.Count, closed: truth.Closed.Count - lost, filtered: lost);
    }

    private static int[] Top(int count) => [.. TopPorts.Ports[..count].ToArray().Select(p => (int)p)];

    /// <summary>
    /// Reach's outcomes, with filtered/no-response counted as the expected outcome where <paramref name="silenceAllowed"/>
    /// says the hazard on the way may have eaten the answer (and the expectation has such a hazard).
    /// </summary>
    private static Dictionary<ScanEndPoint, string> SilenceTolerated(ScanGroundTruth truth, ScanOutput scan, Func<ScanLabExpectation, bool> silenceAllowed) =>
        scan.StatesAndReasons.ToDictionary(
            o => o.Key,
            o => o.Value == Silence && truth.Expected.TryGetValue(o.Key, out var e) && e.MayBeSilent && silenceAllowed(e) ? e.Outcome : o.Value);

    private static void Log(ScanOutput scan) =>
        TestContext.Current.TestOutputHelper?.WriteLine(
            "outcomes: " + string.Join(", ", scan.StatesAndReasons.Values.GroupBy(v => v).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}"))
            + $"; summary {scan.Summary.GetRawText()}");
}
