using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace Reach.Cli.Tests;

/// <summary>
/// The built reach as a child process (<c>dotnet reach.dll</c> from the test output folder, or REACH_BIN), for what
/// only a real process shows: signals, and reads that block. Signals go to this child alone, by its process id.
/// Killed when disposed, so no test leaves one behind.
/// </summary>
internal sealed partial class ReachProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly StringBuilder error = new();

    private ReachProcess(Process process) => this.process = process;

    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public string Error
    {
        get
        {
            lock (error)
            {
                return error.ToString();
            }
        }
    }

    /// <summary>Starts reach with <paramref name="arguments"/>; its standard input is a pipe this test holds and never writes.</summary>
    public static ReachProcess Start(params string[] arguments)
    {
        var bin = Environment.GetEnvironmentVariable("REACH_BIN");
        var info = bin is { Length: > 0 } && !bin.EndsWith(".dll", StringComparison.Ordinal)
            ? new ProcessStartInfo(bin)
            : new ProcessStartInfo(DotnetHost()) { ArgumentList = { bin is { Length: > 0 } ? bin : Path.Combine(AppContext.BaseDirectory, "reach.dll") } };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.RedirectStandardInput = true;
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        var reach = new ReachProcess(Process.Start(info) ?? throw new InvalidOperationException("cannot start reach"));
        reach.process.OutputDataReceived += (_, e) => Append(reach.output, e.Data);
        reach.process.ErrorDataReceived += (_, e) => Append(reach.error, e.Data);
        reach.process.BeginOutputReadLine();
        reach.process.BeginErrorReadLine();
        return reach;
    }

    /// <summary>Sends <paramref name="signal"/> (2 SIGINT, 15 SIGTERM) to this child, if it is still running.</summary>
    public void Signal(int signal)
    {
        if (!process.HasExited && Kill(process.Id, signal) != 0)
        {
            Assert.Fail($"kill({process.Id}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    /// <summary>Waits until the child has <paramref name="path"/> open (one of its descriptors links to it in /proc).</summary>
    public async Task WaitForOpenFileAsync(string path, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (process.HasExited)
            {
                Assert.Fail($"reach exited ({process.ExitCode}) before it opened {path}\n{Error}");
            }

            if (Descriptors().Contains(path))
            {
                return;
            }

            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        Assert.Fail($"reach did not open {path} within {timeout}\n{Error}");
    }

    /// <summary>Waits for the child to end; false when it is still running after <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
            return true;
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    public void Dispose()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill();
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
        }

        process.Dispose();
    }

    private List<string> Descriptors()
    {
        var links = new List<string>();
        try
        {
            foreach (var fd in Directory.EnumerateFiles($"/proc/{process.Id}/fd"))
            {
                try
                {
                    links.Add(new FileInfo(fd).LinkTarget ?? string.Empty);
                }
                catch (IOException)
                {
                    // closed while listed
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // the process is going away
        }

        return links;
    }

    private static void Append(StringBuilder builder, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (builder)
        {
            builder.Append(line).Append('\n');
        }
    }

    private static string DotnetHost()
    {
        var runtime = RuntimeEnvironment.GetRuntimeDirectory();
        var host = Path.GetFullPath(Path.Combine(runtime, "..", "..", "..", "dotnet"));
        return File.Exists(host) ? host : "dotnet";
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
