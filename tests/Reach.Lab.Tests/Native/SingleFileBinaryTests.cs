using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Reach.Lab.Tests.Cli;

namespace Reach.Lab.Tests.Native;

/// <summary>
/// "One NativeAOT binary runs every command" (issue 13, item 19): the published reach, copied alone into an empty
/// folder, runs <c>watch</c> and <c>report</c>, whose store is SQLite linked into the binary. Publishing takes minutes,
/// so it runs once, into a folder of its own (its own obj/bin through --artifacts-path).
/// </summary>
public sealed class SingleFileBinaryTests : IDisposable
{
    private const string StaticSqlite = "/usr/lib/x86_64-linux-gnu/libsqlite3.a";
    private readonly string _work = Directory.CreateTempSubdirectory("reach-single-file-").FullName;

    [Fact]
    public async Task PublishedBinary_AloneInAnEmptyFolder_RunsWatchAndReport()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() && RuntimeIsX64(), "the NativeAOT publish here is linux-x64");
        Assert.SkipUnless(File.Exists(StaticSqlite), $"{StaticSqlite} is missing (test.sh installs libsqlite3-dev as root)");
        var cancel = TestContext.Current.CancellationToken;

        var published = Path.Combine(_work, "publish");
        var build = await RunAsync(
            ReachCli.DotnetHost(),
            ["publish", Path.Combine(RepositoryRoot(), "src", "Reach.Cli", "Reach.Cli.csproj"), "-c", "Release", "-r", "linux-x64",
             "-o", published, "--artifacts-path", Path.Combine(_work, "artifacts"), "-nologo"],
            TimeSpan.FromMinutes(15),
            cancel);
        Assert.True(build.ExitCode == 0, build.Output);
        Assert.False(File.Exists(Path.Combine(published, "libe_sqlite3.so")), "SQLite is linked in: no shared library is published beside reach");

        var alone = Directory.CreateDirectory(Path.Combine(_work, "alone")).FullName;
        var reach = Path.Combine(alone, "reach");
        File.Copy(Path.Combine(published, "reach"), reach);
        Assert.Equal(["reach"], Directory.GetFiles(alone).Select(Path.GetFileName));

        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);
        var config = Path.Combine(_work, "reach.yaml");
        var data = Path.Combine(_work, "data");
        await File.WriteAllTextAsync(config, $"interval: 1s\ntimeout: 1s\nchecks:\n  - name: local\n    targets: [\"127.0.0.1:{port}\"]\n", cancel);

        var watch = await RunAsync(reach, ["watch", "-c", config, "--data", data, "--listen", "none"], TimeSpan.FromSeconds(4), cancel, stopWithTerm: true);
        Assert.DoesNotContain("DllNotFoundException", watch.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", watch.Output, StringComparison.Ordinal);
        Assert.True(watch.ExitCode is 0 or 143, $"watch ended with exit {watch.ExitCode}: {watch.Output}");

        var report = await RunAsync(reach, ["report", "--data", data, "--since", "1h", "--json"], TimeSpan.FromSeconds(30), cancel);
        Assert.True(report.ExitCode == 0, report.Output);
        using var json = JsonDocument.Parse(report.StdOut);
        var target = Assert.Single(json.RootElement.GetProperty("targets").EnumerateArray());
        Assert.Equal($"127.0.0.1:{port}", target.GetProperty("target").GetString());
        Assert.True(target.GetProperty("successes").GetInt32() >= 1, report.StdOut);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_work, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open: the temp folder is left for the OS to clear.
        }
    }

    private static bool RuntimeIsX64() => System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.X64;

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Reach.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"no Reach.sln above {AppContext.BaseDirectory}");
    }

    /// <summary>Runs a program to its end, or stops it after <paramref name="limit"/> (SIGTERM when asked, else kill).</summary>
    private static async Task<(int ExitCode, string StdOut, string Output)> RunAsync(
        string program, IReadOnlyList<string> arguments, TimeSpan limit, CancellationToken cancellationToken, bool stopWithTerm = false)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            if (stopWithTerm)
            {
                using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]);
                await kill!.WaitForExitAsync(cancellationToken);
                using var grace = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                grace.CancelAfter(TimeSpan.FromSeconds(20));
                await process.WaitForExitAsync(grace.Token);
            }
            else
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(cancellationToken);
            }
        }

        var output = await stdout;
        var errors = await stderr;
        TestContext.Current.TestOutputHelper?.WriteLine($"$ {program} {string.Join(' ', arguments)}\nexit {process.ExitCode}\n{Tail(output)}\n{Tail(errors)}");
        return (process.ExitCode, output, output + errors);
    }

    private static string Tail(string text) => text.Length <= 4000 ? text : "..." + text[^4000..];
}
