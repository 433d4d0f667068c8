using System.Globalization;
using System.Net;
using Reach.Lab.Tests.Cli;
using Reach.Lab.Tests.Lab;
using Reach.Lab.Tests.Lab.Scan;

namespace Reach.Lab.Tests.Scan;

/// <summary>
/// <c>reach scan … --list</c>: prints the targets in scan order and sends nothing. Checked with the client's and the
/// scan target's packet counters, on ranges the client does route (so a probe would leave and be counted).
/// </summary>
public sealed class ScanCommandListLabTests(LabFixture lab)
{
    [Theory]
    [InlineData(ScanLabNetwork.AnyIpV4, "443")]
    [InlineData(ScanLabNetwork.HostV4, "-")]
    [InlineData(ScanLabNetwork.AnyIpV6, "22,443")]
    [InlineData(ScanLabNetwork.DeadV4, "22,80,443")]
    public async Task List_PrintsEveryTargetOnce_AndSendsNothing(string target, string ports)
    {
        lab.RequireLab();
        var ct = TestContext.Current.CancellationToken;
        var expected = ScanGroundTruth.For([target], ports == "-" ? ScanGroundTruth.AllPorts : ParsePorts(ports)).Expected.Keys;
        string[] portOption = ports == "-" ? ["-p-"] : ["-p", ports];
        var clientBefore = await NetCounters.ReadAsync(lab, lab.ClientNamespace, ct);
        var targetBefore = await NetCounters.ReadAsync(lab, lab.ScanNamespace, ct);

        var run = await ReachCli.RunAsync(lab, ["scan", target, .. portOption, "--list"]);

        var clientAfter = await NetCounters.ReadAsync(lab, lab.ClientNamespace, ct);
        var targetAfter = await NetCounters.ReadAsync(lab, lab.ScanNamespace, ct);
        Assert.Equal(0, run.ExitCode);
        Assert.Empty(NetCounters.Changed(clientBefore, clientAfter, NetCounters.ClientSends));
        Assert.Empty(NetCounters.Changed(targetBefore, targetAfter, NetCounters.TargetReceives));
        var listed = ScanOutput.ParseTextList(run);
        Assert.Equal(listed.Count, listed.Distinct().Count());
        ScanAssert.SameSet(expected, listed, $"--list of {target} {ports}");
        Assert.True(run.Elapsed < TimeSpan.FromSeconds(10), $"--list took {run.Elapsed.TotalSeconds:F1} s");
    }

    /// <summary>
    /// Output redirected to a file is buffered (not one write per line) and still complete at exit, and it lands at the
    /// descriptor's offset: `>>` appends after what the shell wrote, `>` starts the file anew.
    /// </summary>
    [Theory]
    [InlineData(">>")]
    [InlineData(">")]
    public async Task List_RedirectedToAFile_IsComplete_AndKeepsTheShellsOffset(string redirect)
    {
        lab.RequireLab();
        var ct = TestContext.Current.CancellationToken;
        var file = Path.Combine(Path.GetTempPath(), $"reach-list-{Environment.ProcessId}-{(redirect == ">" ? "new" : "append")}.txt");
        File.WriteAllText(file, "kept\n");
        try
        {
            // 4,096 endpoints, about 70 KB: several buffers' worth.
            string[] shell = ["sh", "-c", $"exec \"$@\" {redirect} '{file}'", "sh", .. ReachCli.CommandLine(["scan", "10.233.0.0/20", "-p", "443", "--list"])];
            var run = await lab.RunInClientAsync(shell, TimeSpan.FromSeconds(60), ct);

            Assert.Equal(0, run.ExitCode);
            var lines = File.ReadAllLines(file);
            var listed = redirect == ">>" ? lines.Skip(1) : lines;
            if (redirect == ">>")
            {
                Assert.Equal("kept", lines[0]);
            }

            var endpoints = listed.Select(line => IPEndPoint.Parse(line)).ToList();
            Assert.Equal(4096, endpoints.Count);
            var expected = ScanGroundTruth.For(["10.233.0.0/20"], [443]).Expected.Keys;
            ScanAssert.SameSet(expected, [.. endpoints.Select(e => new ScanEndPoint(e.Address, e.Port))], $"--list {redirect} file");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task List_Jsonl_PrintsOneTargetRecordPerEndpoint()
    {
        lab.RequireLab();
        var expected = ScanGroundTruth.For(["10.233.1.0/28", ScanLabNetwork.HostV6], [22, 80, 443]).Expected.Keys;

        var run = await ReachCli.RunAsync(lab, "scan", "10.233.1.0/28", ScanLabNetwork.HostV6, "-p", "22,80,443", "--list", "--format", "jsonl");

        Assert.Equal(0, run.ExitCode);
        var output = ScanOutput.Parse(run);
        Assert.All(output.Records, r => Assert.Equal("target", r.Text("type")));
        Assert.Equal(output.Targets.Count, output.Targets.Distinct().Count());
        ScanAssert.SameSet(expected, output.Targets, "--list --format jsonl");
    }

    /// <summary>
    /// Target forms: a range, a short range, a prefix, a file, and exclusions; port lists and --top. Each listed set
    /// is computed independently from the same specs.
    /// </summary>
    [Theory]
    [InlineData("10.233.1.1-5", "10.233.1.1-10.233.1.5", "", "80")]
    [InlineData("10.233.1.250-10.233.2.3", "10.233.1.250-10.233.2.3", "", "80")]
    [InlineData("10.233.1.0/28", "10.233.1.0-10.233.1.15", "", "22,80,1000-1003")]
    [InlineData("10.233.1.0/28", "10.233.1.8-10.233.1.15", "--exclude 10.233.1.0-7", "443")]
    [InlineData("10.233.1.0/28", "10.233.1.0-10.233.1.15", "--exclude 10.233.1.4/30,10.233.1.9", "443")]
    [InlineData("fd00:5eac:9::/124", "fd00:5eac:9::-fd00:5eac:9::f", "", "443")]
    public async Task List_TargetForms_ExpandAsDocumented(string target, string expectedRange, string options, string ports)
    {
        lab.RequireLab();
        var excluded = ExcludedAddresses(options);
        var addresses = ExpandRange(expectedRange).Where(a => !excluded.Contains(a));
        var expected = ScanGroundTruth.For(addresses, ParsePorts(ports)).Expected.Keys;

        var run = await ReachCli.RunAsync(lab, ["scan", target, "-p", ports, "--list", .. ScanLab.Options(options)]);

        Assert.Equal(0, run.ExitCode);
        ScanAssert.SameSet(expected, ScanOutput.ParseTextList(run), $"--list of {target} {options} -p {ports}");
    }

    [Fact]
    public async Task List_InputFileAndExcludeFile_ExpandAsDocumented()
    {
        lab.RequireLab();
        using var targets = new TempFile($"""
            # scan targets
            10.233.1.0/29

            {ScanLabNetwork.HostV4}
            10.233.2.1-3
            """);
        using var excluded = new TempFile("10.233.1.2\n# comment\n10.233.1.6/31\n");
        var expected = ScanGroundTruth.For(
            ["10.233.1.0", "10.233.1.1", "10.233.1.3", "10.233.1.4", "10.233.1.5", ScanLabNetwork.HostV4, "10.233.2.1", "10.233.2.2", "10.233.2.3"],
            [443]).Expected.Keys;

        var run = await ReachCli.RunAsync(lab, "scan", "-i", targets.Path, "--exclude-file", excluded.Path, "-p", "443", "--list");

        Assert.Equal(0, run.ExitCode);
        ScanAssert.SameSet(expected, ScanOutput.ParseTextList(run), "--list -i FILE --exclude-file FILE");
    }

    [Fact]
    public async Task List_TopAndProfile_ChoosePorts()
    {
        lab.RequireLab();

        var top = await ReachCli.RunAsync(lab, "scan", ScanLabNetwork.HostV4, "--top", "100", "--list");
        var web = await ReachCli.RunAsync(lab, "scan", ScanLabNetwork.HostV4, "--profile", "web", "--list");

        Assert.Equal(0, top.ExitCode);
        var topPorts = ScanOutput.ParseTextList(top).Select(e => e.Port).ToList();
        Assert.Equal(100, topPorts.Count);
        Assert.Equal(100, topPorts.Distinct().Count());
        Assert.Contains(80, topPorts);
        Assert.Contains(443, topPorts);
        Assert.Equal(0, web.ExitCode);
        var webPorts = ScanOutput.ParseTextList(web).Select(e => e.Port).ToList();
        Assert.Contains(80, webPorts);
        Assert.Contains(443, webPorts);
    }

    /// <summary>The same seed gives the same order; another seed the same targets in another order.</summary>
    [Fact]
    public async Task List_Seed_MakesTheOrderRepeatable()
    {
        lab.RequireLab();
        string[] scan = ["scan", "10.233.1.0/24", "10.233.2.0/24", "-p", "22,80,443,8080", "--list", "--format", "jsonl"];

        var first = ScanOutput.Parse(await ReachCli.RunAsync(lab, [.. scan, "--seed", "7"])).Targets;
        var again = ScanOutput.Parse(await ReachCli.RunAsync(lab, [.. scan, "--seed", "7"])).Targets;
        var other = ScanOutput.Parse(await ReachCli.RunAsync(lab, [.. scan, "--seed", "8"])).Targets;

        Assert.Equal(512 * 4, first.Count);
        Assert.Equal(first, again);
        ScanAssert.SameSet(first, other, "--seed 8 against --seed 7");
        Assert.NotEqual(first, other);
    }

    /// <summary>Shards K/N of --list are disjoint and together are the whole list.</summary>
    [Fact]
    public async Task List_Shards_PartitionTheTargets()
    {
        lab.RequireLab();
        string[] scan = ["scan", "10.233.1.0/24", ScanLabNetwork.HostV6, "-p", "22,80,443", "--list", "--seed", "3"];

        var whole = ScanOutput.ParseTextList(await ReachCli.RunAsync(lab, scan));
        var shards = new List<IReadOnlyList<ScanEndPoint>>();
        for (var k = 1; k <= 3; k++)
        {
            shards.Add(ScanOutput.ParseTextList(await ReachCli.RunAsync(lab, [.. scan, "--shard", $"{k}/3"])));
        }

        Assert.Equal(257 * 3, whole.Count);
        Assert.Equal(whole.Count, shards.Sum(s => s.Count));
        ScanAssert.SameSet(whole, shards.SelectMany(s => s), "the union of --shard 1/3, 2/3, 3/3");
        Assert.All(shards, s => Assert.InRange(s.Count, (whole.Count / 3) - 1, (whole.Count / 3) + 1));
    }

    /// <summary>
    /// A /8 is never held in memory: --list of 1/100000 of 10.0.0.0/8 (168 targets picked from 16.7 million) peaks
    /// within 2x the memory of --list of a /24.
    /// </summary>
    [Fact]
    public async Task List_Slash8Shard_PeakMemoryIsFlat()
    {
        lab.RequireLab();
        var time = File.Exists("/usr/bin/time") ? "/usr/bin/time" : null;
        Assert.SkipWhen(time is null, "GNU time is not installed (apt-get install -y time): it measures the peak memory of a process");

        var (small, smallKb) = await RunMeasuredAsync(time!, "scan", "10.233.1.0/24", "-p", "443", "--list");
        var (huge, hugeKb) = await RunMeasuredAsync(time!, "scan", "10.0.0.0/8", "-p", "443", "--list", "--shard", "1/100000");

        Assert.Equal(0, small.ExitCode);
        Assert.Equal(0, huge.ExitCode);
        var listed = ScanOutput.ParseTextList(huge);
        Assert.InRange(listed.Count, 167, 168);
        var eight = IPNetwork.Parse("10.0.0.0/8");
        Assert.All(listed, e => Assert.True(eight.Contains(e.Address) && e.Port == 443, e.ToString()));
        Assert.True(
            hugeKb <= 2 * smallKb,
            $"peak RSS of --list 10.0.0.0/8 --shard 1/100000 is {hugeKb} kB, of --list /24 {smallKb} kB: more than 2x");
        Assert.True(huge.Elapsed < TimeSpan.FromSeconds(30), $"--list of the /8 shard took {huge.Elapsed.TotalSeconds:F1} s");
    }

    /// <summary>reach scan 10.0.0.0/8 --list | head -n 5: reach stops when the reader goes away, quietly.</summary>
    [Fact]
    public async Task List_Slash8PipedToHead_EndsPromptlyAndQuietly()
    {
        lab.RequireLab();
        var reach = string.Join(' ', ReachCli.CommandLine(["scan", "10.0.0.0/8", "-p", "443", "--list"]).Select(Quote));

        var result = await lab.RunInClientAsync(["sh", "-c", $"{reach} | head -n 5"], TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        TestContext.Current.TestOutputHelper?.WriteLine(result.Describe(50));

        Assert.False(result.TimedOut, "reach kept writing after head exited");
        var lines = result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(5, lines.Length);
        Assert.All(lines, line => Assert.True(IPEndPoint.TryParse(line, out var e) && IPNetwork.Parse("10.0.0.0/8").Contains(e.Address), line));
        Assert.DoesNotContain("Exception", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.StdErr, StringComparison.Ordinal);
    }

    private async Task<(ReachRun Run, long PeakKb)> RunMeasuredAsync(string time, params string[] arguments)
    {
        using var report = new TempFile(string.Empty);
        var result = await lab.RunInClientAsync(
            [time, "-f", "%M", "-o", report.Path, .. ReachCli.CommandLine(arguments)],
            TimeSpan.FromSeconds(60),
            TestContext.Current.CancellationToken);
        TestContext.Current.TestOutputHelper?.WriteLine(result.Describe(20));
        var text = File.ReadAllText(report.Path).Trim();
        var last = text.Split('\n').Last().Trim();
        Assert.True(long.TryParse(last, CultureInfo.InvariantCulture, out var kb), $"GNU time wrote \"{text}\"");
        TestContext.Current.TestOutputHelper?.WriteLine($"peak RSS {kb} kB");
        return (new ReachRun(result), kb);
    }

    private static IReadOnlyList<int> ParsePorts(string ports) =>
        [.. ports.Split(',').SelectMany(part =>
        {
            var bounds = part.Split('-');
            var first = int.Parse(bounds[0], CultureInfo.InvariantCulture);
            return bounds.Length == 1 ? [first] : ScanGroundTruth.PortRange(first, int.Parse(bounds[1], CultureInfo.InvariantCulture));
        })];

    private static IEnumerable<IPAddress> ExpandRange(string range)
    {
        var bounds = range.Split('-');
        return IpRanges.Range(IPAddress.Parse(bounds[0]), IPAddress.Parse(bounds[1]));
    }

    /// <summary>The addresses an "--exclude A,B/n,C-D" option names (short ranges "10.0.0.0-7" included).</summary>
    private static HashSet<IPAddress> ExcludedAddresses(string options)
    {
        var parts = ScanLab.Options(options);
        var index = Array.IndexOf(parts, "--exclude");
        if (index < 0)
        {
            return [];
        }

        return parts[index + 1].Split(',').SelectMany(spec =>
        {
            if (spec.Contains('/', StringComparison.Ordinal) || !spec.Contains('-', StringComparison.Ordinal))
            {
                return IpRanges.Addresses(spec);
            }

            var dash = spec.IndexOf('-', StringComparison.Ordinal);
            var first = IPAddress.Parse(spec[..dash]);
            var end = spec[(dash + 1)..];
            var last = end.Contains('.', StringComparison.Ordinal)
                ? IPAddress.Parse(end)
                : IPAddress.Parse(spec[..(spec.LastIndexOf('.', dash) + 1)] + end);
            return IpRanges.Range(first, last);
        }).ToHashSet();
    }

    private static string Quote(string argument) => "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
