using System.Collections.Concurrent;
using System.Diagnostics;

namespace Reach.Monitoring.Tests.TestSupport;

/// <summary>
/// <c>reach watch</c> as a child process (<c>dotnet reach.dll</c> from the test output folder, or REACH_BIN), with
/// its log lines collected. Killed when disposed, so no test leaves one behind.
/// </summary>
public sealed class WatchProcess : IDisposable
{
    private readonly Process process;

    private WatchProcess(Process process) => this.process = process;

    public ConcurrentQueue<string> Lines { get; } = new();

    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    public string Log => string.Join('\n', Lines);

    /// <summary>Starts <c>reach watch</c>; without <c>--listen</c> among <paramref name="extra"/> it runs with
    /// <c>--listen none</c>, so parallel tests never fight over the default port 9105.</summary>
    public static WatchProcess Start(string configPath, string dataDirectory, params string[] extra)
    {
        var bin = Environment.GetEnvironmentVariable("REACH_BIN");
        var info = bin is { Length: > 0 } && !bin.EndsWith(".dll", StringComparison.Ordinal)
            ? new ProcessStartInfo(bin)
            : new ProcessStartInfo("dotnet") { ArgumentList = { bin is { Length: > 0 } ? bin : Path.Combine(AppContext.BaseDirectory, "reach.dll") } };
        foreach (var argument in new[] { "watch", "-c", configPath, "--data", dataDirectory })
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var argument in extra.Contains("--listen") ? extra : [.. extra, "--listen", "none"])
        {
            info.ArgumentList.Add(argument);
        }

        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.RedirectStandardInput = true;
        info.UseShellExecute = false;
        var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start reach watch");
        var watch = new WatchProcess(process);
        process.OutputDataReceived += (_, e) => watch.Add(e.Data);
        process.ErrorDataReceived += (_, e) => watch.Add(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return watch;
    }

    public Task WaitForLineAsync(string fragment, TimeSpan? timeout = null) =>
        Eventually.TrueAsync(() => Lines.Any(l => l.Contains(fragment, StringComparison.Ordinal)), $"a log line with '{fragment}'\n{Log}", timeout ?? TimeSpan.FromSeconds(20));

    public int CountLines(string fragment) => Lines.Count(l => l.Contains(fragment, StringComparison.Ordinal));

    /// <summary>kill -9: no chance to flush or finish anything.</summary>
    public void KillHard()
    {
        process.Kill(entireProcessTree: false);
        process.WaitForExit(10_000);
    }

    /// <summary>Sends a signal (TERM, HUP) with /bin/kill.</summary>
    public void Signal(string name)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-" + name, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) } })!;
        kill.WaitForExit(5000);
    }

    /// <summary>Waits for the process to end by itself; its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        await process.WaitForExitAsync(deadline.Token);
        return process.ExitCode;
    }

    /// <summary>SIGTERM, then the exit code (or a failure if it does not stop within the timeout).</summary>
    public async Task<int> StopAsync(TimeSpan? timeout = null)
    {
        Signal("TERM");
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        await process.WaitForExitAsync(deadline.Token);
        return process.ExitCode;
    }

    public void Dispose()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
        }

        process.Dispose();
    }

    private void Add(string? line)
    {
        if (line is not null)
        {
            Lines.Enqueue(line);
        }
    }
}
