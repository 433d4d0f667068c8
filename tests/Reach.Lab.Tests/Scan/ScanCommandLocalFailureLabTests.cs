using System.Net.Sockets;
using Reach.Lab.Tests.Cli;
using Reach.Lab.Tests.Lab;
using Reach.Lab.Tests.Lab.Scan;

namespace Reach.Lab.Tests.Scan;

/// <summary>
/// A local failure is never a verdict: when this host has few file descriptors or a local firewall refuses to send
/// (EPERM), no port becomes closed or filtered because of it.
/// </summary>
public sealed class ScanCommandLocalFailureLabTests(LabFixture lab)
{
    /// <summary>
    /// With a hard limit of 128 descriptors, asking for 4096 probes in flight would run this process out of
    /// descriptors (EMFILE), which under the JIT can even break the runtime's own assembly loading: reach lowers the
    /// cap, says so, and the result is still exactly the ground truth. (The back-off and retry after an EMFILE that
    /// does happen is covered by ScanSchedulerLocalFailureTests.)
    /// </summary>
    [Fact]
    public async Task Scan_FewFileDescriptors_LowersTheCapAndReportsExactlyTheGroundTruth()
    {
        lab.RequireLab();
        var host = ScanLabNetwork.Host(AddressFamily.InterNetwork);
        var truth = ScanGroundTruth.PortRichHost(AddressFamily.InterNetwork);

        var run = await RunWithFileLimitAsync(128, host, "-p-", "--max-inflight", "4096", "--all", "--format", "jsonl");
        var scan = ScanOutput.Parse(run);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("--max-inflight 4096 lowered to 32", run.StdErr, StringComparison.Ordinal);
        ScanAssert.SameOutcomes(truth.StatesAndReasons(), scan.StatesAndReasons, $"reach scan {host} -p- with 128 descriptors");
        scan.AssertSummary(truth);
        Assert.Equal(0, scan.Summary.WholeNumber("errors"));
    }

    /// <summary>
    /// A <c>prohibit</c> route in the client's own table makes connect() fail at once with EACCES, every time: those
    /// addresses are reported as error/local-error (never closed or filtered), the others get their real verdicts,
    /// and the scan ends.
    /// </summary>
    [Fact]
    public async Task Scan_LocalRouteProhibitsSending_ReportsLocalErrorNotAVerdict()
    {
        lab.RequireLab();
        const string prohibited = "10.233.1.0/30";
        var addresses = new[] { "10.233.1.1", "10.233.1.2", "10.233.2.1", "10.233.2.2" };
        var truth = ScanGroundTruth.For(addresses, [443]);
        string[] route = ["ip", "route", "{0}", "prohibit", prohibited];
        var ct = TestContext.Current.CancellationToken;
        Assert.Equal(0, (await lab.RunInClientAsync(Route(route, "add"), cancellationToken: ct)).ExitCode);
        try
        {
            var run = await ReachCli.RunAsync(lab, ScanLab.LongRun, ["scan", .. addresses, "-p", "443", "--all", "--format", "jsonl"]);
            var scan = ScanOutput.Parse(run);

            Assert.Equal(0, run.ExitCode);
            var expected = truth.StatesAndReasons().ToDictionary(
                e => e.Key,
                e => e.Key.Address.ToString().StartsWith("10.233.1.", StringComparison.Ordinal) ? "error/local-error" : e.Value);
            ScanAssert.SameOutcomes(expected, scan.StatesAndReasons, $"reach scan -p 443 with a prohibit route to {prohibited}");
            Assert.Equal(2, scan.Summary.WholeNumber("errors"));
            Assert.Equal(2, scan.Summary.WholeNumber("ports_scanned"));
        }
        finally
        {
            await lab.RunInClientAsync(Route(route, "del"), cancellationToken: CancellationToken.None);
        }
    }

    private static string[] Route(string[] template, string verb) => [.. template.Select(t => t == "{0}" ? verb : t)];

    /// <summary>Runs reach in the client under <c>prlimit --nofile=N:N</c> (reach cannot raise a hard limit).</summary>
    private async Task<ReachRun> RunWithFileLimitAsync(int limit, params string[] arguments)
    {
        var result = await lab.RunInClientAsync(
            ["prlimit", $"--nofile={limit}:{limit}", .. ReachCli.CommandLine(["scan", .. arguments])],
            ScanLab.LongRun,
            TestContext.Current.CancellationToken);
        TestContext.Current.TestOutputHelper?.WriteLine(result.Describe(maxLines: 50));
        return new ReachRun(result);
    }
}
