using System.Diagnostics;
using System.Globalization;
using Reach.Lab.Tests.Cli;

namespace Reach.Lab.Tests.Native;

/// <summary>
/// reach published with NativeAOT, once per test run (it takes minutes), into a folder of its own (its own obj/bin
/// through --artifacts-path, so the solution's build outputs are not touched).
/// </summary>
public sealed class PublishedReach : IAsyncLifetime
{
    public const string StaticSqlite = "/usr/lib/x86_64-linux-gnu/libsqlite3.a";

    public string Work { get; } = Directory.CreateTempSubdirectory("reach-native-").FullName;

    /// <summary>The published folder: reach and whatever the publish put beside it.</summary>
    public string Folder => Path.Combine(Work, "publish");

    public string Binary => Path.Combine(Folder, "reach");

    /// <summary>Why the tests cannot run here, or null.</summary>
    public string? Unavailable { get; private set; }

    public string PublishOutput { get; private set; } = string.Empty;

    public async ValueTask InitializeAsync()
    {
        if (!OperatingSystem.IsLinux() || System.Runtime.InteropServices.RuntimeInformation.OSArchitecture != System.Runtime.InteropServices.Architecture.X64)
        {
            Unavailable = "the NativeAOT publish here is linux-x64";
            return;
        }

        if (!File.Exists(StaticSqlite))
        {
            Unavailable = $"{StaticSqlite} is missing (test.sh installs libsqlite3-dev as root)";
            return;
        }

        var run = await RunAsync(
            ReachCli.DotnetHost(),
            ["publish", Path.Combine(RepositoryRoot(), "src", "Reach.Cli", "Reach.Cli.csproj"), "-c", "Release", "-r", "linux-x64",
             "-o", Folder, "--artifacts-path", Path.Combine(Work, "artifacts"), "-nologo"],
            TimeSpan.FromMinutes(20),
            CancellationToken.None);
        PublishOutput = run.Output;
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish failed (exit {run.ExitCode}):\n{Tail(run.Output)}");
        }
    }

    public ValueTask DisposeAsync()
    {
        try
        {
            Directory.Delete(Work, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open: the temp folder is left for the OS to clear.
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Runs a program to its end, or stops it after <paramref name="limit"/> (SIGTERM when asked, else kill).</summary>
    public static async Task<(int ExitCode, string StdOut, string Output)> RunAsync(
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
}
