using System.Globalization;
using Reach.Lab.Tests.Cli;
using Reach.Lab.Tests.Lab;
using Reach.Lab.Tests.Lab.Scan;

namespace Reach.Lab.Tests.Scan;

/// <summary>Shared steps of the <c>reach scan</c> lab tests.</summary>
internal static class ScanLab
{
    /// <summary>A whole-range scan may take a while on a slow machine; the bench, not the tests, judges speed.</summary>
    public static readonly TimeSpan LongRun = TimeSpan.FromSeconds(180);

    /// <summary>
    /// Scans of the firewalled target, where most ports are silent. Before issue 12 was fixed reach took about 500 s for
    /// <c>--top 1000</c> of the default-deny host (nmap -sT -T4: about 5 s): the bound is generous on purpose; the tests
    /// judge verdicts, the bench (bench/scan.sh deny-top, deny-all, deny24) judges speed.
    /// </summary>
    public static readonly TimeSpan FirewalledRun = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Runs <c>reach scan ARGUMENTS</c> in the client and parses its JSON Lines. Fails first, with a clear message,
    /// when the scan target dropped SYNs because a listen queue was full: that is a lab artefact (ports would look
    /// filtered), not a scanner bug.
    /// </summary>
    public static Task<(ReachRun Run, ScanOutput Output)> ScanAsync(LabFixture lab, TimeSpan timeout, params string[] arguments) =>
        ScanInAsync(lab, lab.ScanNamespace, timeout, arguments);

    /// <summary>
    /// <see cref="ScanAsync"/> for targets of the firewalled target (<see cref="FirewallLabLayout"/>): its listen queues
    /// are the ones checked for overflows.
    /// </summary>
    public static Task<(ReachRun Run, ScanOutput Output)> ScanFirewalledAsync(LabFixture lab, TimeSpan timeout, params string[] arguments) =>
        ScanInAsync(lab, lab.FirewallNamespace, timeout, arguments);

    private static async Task<(ReachRun Run, ScanOutput Output)> ScanInAsync(LabFixture lab, string targetNamespace, TimeSpan timeout, string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(lab);
        var ct = TestContext.Current.CancellationToken;
        var before = await NetCounters.ReadAsync(lab, targetNamespace, ct);
        var backlogDrops = NetCounters.ReadSoftnetDrops();
        var run = await ReachCli.RunAsync(lab, timeout, ["scan", .. arguments]);
        backlogDrops = NetCounters.ReadSoftnetDrops() - backlogDrops;
        var after = await NetCounters.ReadAsync(lab, targetNamespace, ct);
        if (backlogDrops > 0)
        {
            TestContext.Current.TestOutputHelper?.WriteLine(
                $"note: the kernel dropped {backlogDrops} packets host-wide during the scan because a CPU input backlog "
                + "was full (/proc/net/softnet_stat): a lost SYN shows as filtered unless the scanner retries it.");
        }

        var drops = NetCounters.Changed(before, after, NetCounters.ListenQueueDrops);
        Assert.True(
            drops.Count == 0,
            $"lab artefact, not a scanner verdict: the listen queues of {targetNamespace} overflowed ({string.Join(", ", drops)})");
        return (run, ScanOutput.Parse(run));
    }

    /// <summary>
    /// Fails the test unless <c>reach scan 10.233.1.1 -p 443 --list</c> works: tests that expect an input error would
    /// otherwise pass against a reach without the scan command (an unknown command also exits 2 with one line).
    /// </summary>
    public static async Task RequireScanCommandAsync(LabFixture lab)
    {
        var run = await ReachCli.RunAsync(lab, "scan", "10.233.1.1", "-p", "443", "--list");
        Assert.True(
            run.ExitCode == 0 && run.StdOut.Trim() == "10.233.1.1:443",
            $"reach scan is not there (or --list does not work): expected exit 0 and \"10.233.1.1:443\"\n{run.Result.Describe(20)}");
    }

    public static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);

    /// <summary>"22,80,443" for reach's -p.</summary>
    public static string PortList(IEnumerable<int> ports) => string.Join(',', ports.Select(Port));

    /// <summary>Extra command-line options given as one InlineData string ("" for none).</summary>
    public static string[] Options(string options) => options.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
