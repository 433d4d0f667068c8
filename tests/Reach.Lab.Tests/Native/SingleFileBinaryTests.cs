using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Reach.Lab.Tests.Lab;

namespace Reach.Lab.Tests.Native;

/// <summary>The NativeAOT reach as users get it: one file that runs every command, and starts cheaply.</summary>
public sealed class SingleFileBinaryTests(PublishedReach reach) : IClassFixture<PublishedReach>
{
    /// <summary>"One NativeAOT binary runs every command" (issue 13, item 19): SQLite is linked in.</summary>
    [Fact]
    public async Task PublishedBinary_AloneInAnEmptyFolder_RunsWatchAndReport()
    {
        Assert.SkipWhen(reach.Unavailable is not null, reach.Unavailable ?? string.Empty);
        var cancel = TestContext.Current.CancellationToken;
        Assert.False(File.Exists(Path.Combine(reach.Folder, "libe_sqlite3.so")), "SQLite is linked in: no shared library is published beside reach");

        var alone = Directory.CreateDirectory(Path.Combine(reach.Work, "alone")).FullName;
        var binary = Path.Combine(alone, "reach");
        File.Copy(reach.Binary, binary);
        Assert.Equal(["reach"], Directory.GetFiles(alone).Select(Path.GetFileName));

        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);
        var config = Path.Combine(reach.Work, "reach.yaml");
        var data = Path.Combine(reach.Work, "data");
        await File.WriteAllTextAsync(config, $"interval: 1s\ntimeout: 1s\nchecks:\n  - name: local\n    targets: [\"127.0.0.1:{port}\"]\n", cancel);

        // SIGTERM after 4 s: coreutils' timeout exits 124 when it had to stop a command that was still running.
        var watch = await CommandRunner.RunAsync("timeout", ["-s", "TERM", "4", binary, "watch", "-c", config, "--data", data, "--listen", "none"], TimeSpan.FromSeconds(60), cancel);
        Assert.DoesNotContain("DllNotFoundException", watch.StdOut + watch.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", watch.StdOut + watch.StdErr, StringComparison.Ordinal);
        Assert.True(watch.ExitCode == 124, watch.Describe());

        var report = await CommandRunner.RunAsync(binary, ["report", "--data", data, "--since", "1h", "--json"], TimeSpan.FromSeconds(30), cancel);
        Assert.True(report.ExitCode == 0, report.Describe());
        using var json = JsonDocument.Parse(report.StdOut);
        var target = Assert.Single(json.RootElement.GetProperty("targets").EnumerateArray());
        Assert.Equal($"127.0.0.1:{port}", target.GetProperty("target").GetString());
        Assert.True(target.GetProperty("successes").GetInt32() >= 1, report.StdOut);
    }

    /// <summary>
    /// Start-up is a feature (issue 13, item 29): reach's own imports from libc are bound at link time. Bound at run
    /// time, the first call made the loader search every library folder for "libc.so" and "liblibc.so" (about 90
    /// failed opens in every cold check). Counted with strace, not timed.
    /// </summary>
    [Fact]
    public async Task ColdCheck_SearchesForNoLibrary()
    {
        var traced = await TraceColdCheckAsync("openat");

        var opens = traced.StdErr.Split('\n').Where(l => l.Contains("openat(", StringComparison.Ordinal)).ToArray();
        Assert.NotEmpty(opens);
        Assert.DoesNotContain(opens, l => l.Contains("libc.so\"", StringComparison.Ordinal) && !l.Contains("libc.so.6", StringComparison.Ordinal));
        Assert.DoesNotContain(opens, l => l.Contains("liblibc", StringComparison.Ordinal));
        Assert.True(opens.Count(l => l.Contains("ENOENT", StringComparison.Ordinal)) <= 10, string.Join('\n', opens));
    }

    /// <summary>
    /// Two images in one file (issue 13, item 29): the quick commands, with the full image appended. `reach watch` runs
    /// that image in place of its process; to ps, pgrep, the socket table and a systemd unit it is still reach, and help
    /// lists the full image's commands with their own texts.
    /// </summary>
    [Fact]
    public async Task PublishedBinary_RunsWatchFromItsEmbeddedFullImage_AsReach()
    {
        Assert.SkipWhen(reach.Unavailable is not null, reach.Unavailable ?? string.Empty);
        var cancel = TestContext.Current.CancellationToken;

        var bytes = await File.ReadAllBytesAsync(reach.Binary, cancel);
        Assert.Equal("REACHIMG", System.Text.Encoding.ASCII.GetString(bytes, bytes.Length - 8, 8));
        var imageLength = BitConverter.ToInt64(bytes, bytes.Length - 16);
        var imageOffset = bytes.Length - 16 - imageLength;
        Assert.True(imageOffset > 0 && imageOffset < bytes.Length / 2, $"quick image {imageOffset} bytes, full image {imageLength}");
        Assert.Equal("\u007fELF", System.Text.Encoding.ASCII.GetString(bytes, (int)imageOffset, 4));

        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);
        var config = Path.Combine(reach.Work, "embedded.yaml");
        await File.WriteAllTextAsync(config, $"interval: 1s\ntimeout: 1s\nchecks:\n  - name: local\n    targets: [\"127.0.0.1:{port}\"]\n", cancel);
        var info = new System.Diagnostics.ProcessStartInfo(reach.Binary) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "watch", "-c", config, "--data", Path.Combine(reach.Work, "embedded-data"), "--listen", "none" })
        {
            info.ArgumentList.Add(argument);
        }

        using var watch = System.Diagnostics.Process.Start(info)!;
        try
        {
            string? exe = null, comm = null;
            for (var i = 0; i < 100 && !(exe?.StartsWith("/memfd:", StringComparison.Ordinal) == true && comm == "reach"); i++)
            {
                await Task.Delay(100, cancel);
                exe = new FileInfo($"/proc/{watch.Id}/exe").LinkTarget;
                comm = (await File.ReadAllTextAsync($"/proc/{watch.Id}/comm", cancel)).Trim();
            }

            Assert.StartsWith("/memfd:", exe, StringComparison.Ordinal);
            Assert.Equal("reach", comm);
        }
        finally
        {
            watch.Kill(entireProcessTree: true);
            await watch.WaitForExitAsync(cancel);
        }

        var unit = await CommandRunner.RunAsync(reach.Binary, ["watch", "-c", config, "--print-unit"], TimeSpan.FromSeconds(30), cancel);
        Assert.True(unit.ExitCode == 0, unit.Describe());
        Assert.Contains($"ExecStart={reach.Binary} watch -c {config}", unit.StdOut, StringComparison.Ordinal);

        var help = await CommandRunner.RunAsync(reach.Binary, ["--help"], TimeSpan.FromSeconds(30), cancel);
        foreach (var command in new[] { "watch", "report", "serve", "external" })
        {
            var own = await CommandRunner.RunAsync(reach.Binary, [command, "--help"], TimeSpan.FromSeconds(30), cancel);
            var firstLine = own.StdOut.Split('\n').SkipWhile(l => l != "Description:").Skip(1).First().Trim();
            Assert.Contains($"\n  {command} ", help.StdOut, StringComparison.Ordinal);
            Assert.Contains(firstLine, help.StdOut, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// Where memory files may not be executed (the per-PID-namespace sysctl vm.memfd_noexec = 2), the commands of the
    /// full image cannot start: one line that says why, and exit 69, never a crash. The sysctl is set in a PID
    /// namespace of the test's own.
    /// </summary>
    [Fact]
    public async Task MemoryFilesNotExecutable_FullImageCommands_SayWhy_Exit69()
    {
        Assert.SkipWhen(reach.Unavailable is not null, reach.Unavailable ?? string.Empty);
        Assert.SkipUnless(File.Exists("/proc/sys/vm/memfd_noexec"), "this kernel has no vm.memfd_noexec (Linux 6.3+)");
        var unshare = LabTools.Find("unshare");
        Assert.SkipWhen(unshare is null, "unshare (util-linux) is missing");

        var run = await CommandRunner.RunAsync(
            unshare!,
            ["-p", "-f", "--mount-proc", "sh", "-c", "echo 2 > /proc/sys/vm/memfd_noexec && exec \"$0\" report --data \"$1\"", reach.Binary, Path.Combine(reach.Work, "no-data")],
            TimeSpan.FromSeconds(60),
            TestContext.Current.CancellationToken);

        Assert.True(run.ExitCode == 69, run.Describe());
        var line = Assert.Single(run.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("reach: cannot start the full image", line, StringComparison.Ordinal);
        Assert.Contains("vm.memfd_noexec", line, StringComparison.Ordinal);
    }

    /// <summary>
    /// A cold check starts only the threads it needs (issue 13, item 29): none for the command (it runs on the main
    /// thread, and no list file is read), none of the thread pool, no socket engine (a raw descriptor connects), and it
    /// never loads the full image. Counted with strace, not timed.
    /// </summary>
    [Fact]
    public async Task ColdCheck_StartsNoThreadPoolOrSocketEngine()
    {
        var traced = await TraceColdCheckAsync("prctl,memfd_create");

        var named = traced.StdErr.Split('\n').Where(l => l.Contains("PR_SET_NAME", StringComparison.Ordinal)).ToArray();
        Assert.Contains(named, l => l.Contains(".NET Finalizer", StringComparison.Ordinal)); // the names are seen
        Assert.DoesNotContain(named, l => l.Contains(".NET TP", StringComparison.Ordinal));
        Assert.DoesNotContain(named, l => l.Contains(".NET Long Runni", StringComparison.Ordinal));
        Assert.DoesNotContain(named, l => l.Contains(".NET Sockets", StringComparison.Ordinal));
        Assert.DoesNotContain("memfd_create(", traced.StdErr, StringComparison.Ordinal);
    }

    /// <summary>
    /// `reach check 127.0.0.1 PORT --quiet --no-ping` of a listener this test opened, under `strace -f -e trace=CALLS`
    /// (the trace is on standard error); skips where the published binary or strace is missing.
    /// </summary>
    private async Task<CommandResult> TraceColdCheckAsync(string calls)
    {
        Assert.SkipWhen(reach.Unavailable is not null, reach.Unavailable ?? string.Empty);
        var strace = LabTools.Find("strace");
        Assert.SkipWhen(strace is null, "strace is missing (test.sh installs it as root)");
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);

        var traced = await CommandRunner.RunAsync(
            strace!, ["-f", "-e", $"trace={calls}", reach.Binary, "check", "127.0.0.1", port, "--quiet", "--no-ping"],
            TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        Assert.True(traced.ExitCode == 0, traced.Describe());
        return traced;
    }
}
