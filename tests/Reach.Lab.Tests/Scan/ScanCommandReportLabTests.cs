using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Reach.Lab.Tests.Cli;
using Reach.Lab.Tests.Lab;
using Reach.Lab.Tests.Lab.Scan;
using Reach.Scanning;

namespace Reach.Lab.Tests.Scan;

/// <summary>
/// What <c>reach scan</c> reports besides the ports: <c>--down</c> with a role profile and a port list,
/// <c>--fail-on-closed</c> naming the ports, the table's order, and progress on a redirected stderr.
/// </summary>
public sealed partial class ScanCommandReportLabTests(LabFixture lab)
{
    /// <summary>
    /// The README's "which domain controllers miss a role port?": <c>-i dcs.txt --profile ad-dc --down</c> names each
    /// host that misses an ad-dc port with those ports: the port-rich host (by name, both addresses) misses the ones
    /// without a listener, an AnyIP address answers RST on all of them, a dead address did not answer at all.
    /// </summary>
    [Fact]
    public async Task Scan_DownWithTheAdDcProfile_NamesEachHostAndThePortsItMisses()
    {
        lab.RequireLab();
        Assert.True(PortProfiles.TryGet("ad-dc", out var profile, out _));
        using var dcs = new TempFile($"{ScanLabNetwork.HostName}\n10.233.1.1\n10.234.0.1\n");
        var truth = ScanGroundTruth.For([ScanLabNetwork.HostV4, ScanLabNetwork.HostV6, "10.233.1.1", "10.234.0.1"], profile.Ports);
        Assert.Contains(truth.Open, e => e.Address.Equals(IPAddress.Parse(ScanLabNetwork.HostV4))); // the host has some of the ports

        var (run, scan) = await ScanLab.ScanAsync(lab, ScanLab.LongRun, "-i", dcs.Path, "--profile", "ad-dc", "--down", "--format", "jsonl");

        Assert.Equal(0, run.ExitCode);
        var hosts = scan.Records.Where(r => r.Text("type") == "host").ToList();
        ScanLabReports.AssertDownHosts(truth, hosts);
        Assert.Equal(4, hosts.Count);
        Assert.Equal([ScanLabNetwork.HostName, "10.233.1.1", "10.234.0.1", ScanLabNetwork.HostName], hosts.Select(h => h.Text("host")));
        Assert.Empty(scan.Ports);
    }

    /// <summary>The table of --down with a port list: the missing ports grouped by state, and the dead host said so.</summary>
    [Fact]
    public async Task Scan_DownWithAPortList_Table_NamesTheMissingPortsByState()
    {
        lab.RequireLab();
        var host = IPAddress.Parse(ScanLabNetwork.HostV4);
        int[] ports = [22, 23, 80, 113, 137, 443, 1080, 8081]; // open, DROP, open, port-unreach, admin-prohibited, open, RST, closed
        var truth = ScanGroundTruth.For([ScanLabNetwork.HostV4, "10.234.0.1"], ports);
        string Group(string state) => string.Join(',', ports.Where(p => truth.Expected[new ScanEndPoint(host, p)].State == state));

        var run = await ReachCli.RunAsync(lab, ScanLab.LongRun, "scan", ScanLabNetwork.HostV4, "10.234.0.1", "-p", ScanLab.PortList(ports), "--down");

        Assert.Equal(0, run.ExitCode);
        var missing = ScanLabReports.Missing(truth, host).Count;
        var lines = run.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
            [
                string.Create(CultureInfo.InvariantCulture, $"missing   {host}: {Group("closed")} closed, {Group("filtered")} filtered ({missing} of {ports.Length} ports missing)"),
                string.Create(CultureInfo.InvariantCulture, $"down      10.234.0.1: did not answer at all ({ports.Length} ports missing)"),
            ],
            lines[..2]);
    }

    /// <summary>--fail-on-closed exits 1 and names, on stderr, each port that is not open with its state and reason.</summary>
    [Fact]
    public async Task Scan_FailOnClosed_NamesThePortsThatAreNotOpen()
    {
        lab.RequireLab();
        int[] ports = [23, 80, 113, 1080];
        var truth = ScanGroundTruth.For([ScanLabNetwork.HostV4, "10.234.0.1"], ports);
        var notOpen = truth.Addresses.Sum(a => ScanLabReports.Missing(truth, a).Count);

        var run = await ReachCli.RunAsync(lab, ScanLab.LongRun, "scan", ScanLabNetwork.HostV4, "10.234.0.1", "-p", ScanLab.PortList(ports), "--fail-on-closed", "--format", "jsonl");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            [
                string.Create(CultureInfo.InvariantCulture, $"reach: --fail-on-closed: {notOpen} of {truth.Count} ports not open:"),
                .. truth.Addresses.Select(a => $"  {a}: {ScanLabReports.NotOpen(truth, a)}"),
            ],
            run.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(truth.Open.Count + 1, ScanOutput.Parse(run).Records.Count); // stdout: the open ports and the summary, as without the flag
    }

    /// <summary>The table lists open ports by host (IPv4 numerically, then IPv6), then by port, whatever order they arrived in.</summary>
    [Fact]
    public async Task Scan_Table_ListsPortsByHostThenPort()
    {
        lab.RequireLab();
        string[] targets = [ScanLabNetwork.HostV6, "10.233.1.0/29", ScanLabNetwork.HostV4];
        var truth = ScanGroundTruth.For(targets, [443, 22, 80]);

        var run = await ReachCli.RunAsync(lab, ScanLab.LongRun, ["scan", .. targets, "-p", "443,22,80"]);

        Assert.Equal(0, run.ExitCode);
        var rows = run.StdOut.Split('\n').Where(l => l.StartsWith("open ", StringComparison.Ordinal))
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries) is var f ? $"{f[1]} {f[2]}" : string.Empty);
        Assert.Equal(truth.Open.Order(ScanEndPoint.Order).Select(e => $"{e.Address} {e.Port}/tcp"), rows);
    }

    /// <summary>
    /// A scan of about 7 s (3,500 ports at --rate 500) with stderr redirected, as under CI: progress lines on stderr
    /// every 5 s, the -o file clean JSON Lines, nothing on stdout.
    /// </summary>
    [Fact]
    public async Task Scan_LongRunWithRedirectedStderr_PrintsProgressLines_AndTheOutputStaysClean()
    {
        lab.RequireLab();
        using var file = new TempFile(string.Empty);

        var run = await ReachCli.RunAsync(lab, ScanLab.LongRun, "scan", ScanLabNetwork.HostV4, "-p", "1-3500", "--rate", "500", "--format", "jsonl", "-o", file.Path);

        Assert.Equal(0, run.ExitCode);
        Assert.True(run.Elapsed >= TimeSpan.FromSeconds(5), $"the scan took {run.Elapsed.TotalSeconds:F1} s: too short to show progress");
        Assert.Empty(run.StdOut);
        var lines = run.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(lines);
        Assert.All(lines, l => Assert.Matches(ProgressLine(), l));
        var written = ScanOutput.Parse(new ReachRun(run.Result with { StdOut = File.ReadAllText(file.Path) }));
        Assert.Equal(3500, written.Summary.WholeNumber("ports_scanned"));
    }

    [GeneratedRegex(@"^reach scan: \d+\.\d%  \d+/3500 ports  \d+ open  \d+/s  \d+s elapsed  ETA (\d+s|\d+m\d\ds|unknown)$")]
    private static partial Regex ProgressLine();
}
