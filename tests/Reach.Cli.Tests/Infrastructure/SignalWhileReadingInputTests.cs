using System.Diagnostics;
using Reach.Cli.Infrastructure;

namespace Reach.Cli.Tests.Infrastructure;

/// <summary>
/// Ctrl+C and SIGTERM while reach blocks reading <c>-i</c> (a FIFO whose writer sends nothing: the same read as
/// <c>sleep 30 | reach check -i /dev/stdin</c>), on the real process: the first signal ends reach at once with 130 /
/// 143, and a second one never crashes it (it used to end in an unhandled TaskT_TransitionToFinal_AlreadyCompleted,
/// exit 134, and the first signal was ignored). A FIFO, not reach's own stdin, because the test can see when reach
/// has opened it (the runtime holds a copy of descriptor 0 from its start, before reach listens for signals).
/// </summary>
public sealed class SignalWhileReadingInputTests : IDisposable
{
    private const int SigInt = 2;
    private const int SigTerm = 15;

    /// <summary>Long enough for the JIT start of a loaded machine, short enough for a stuck reach to fail the test.</summary>
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Between two signals: two of the same signal sent at once may reach the process as one (a pending standard
    /// signal is not queued twice). reach may have ended after the first; then there is nothing to send the second to.
    /// </summary>
    private static readonly TimeSpan SecondSignalDelay = TimeSpan.FromMilliseconds(50);

    private readonly string directory = Directory.CreateTempSubdirectory("reach-signal-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    /// <summary>The first signal ends reach at once: SIGTERM with 143 while scan reads, Ctrl+C with 130 while check does.</summary>
    [Theory]
    [InlineData("scan", SigTerm, ExitCodes.Terminated)]
    [InlineData("check", SigInt, ExitCodes.Interrupted)]
    public async Task FirstSignal_WhileReadingAFifo_EndsReachAtOnce_WithItsExitCode(string command, int signal, int exitCode)
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "FIFOs, signals and /proc");
        var fifo = MakeFifo();
        using var writer = HoldOpen(fifo);
        using var reach = ReachProcess.Start(ReadingAFifo(command, fifo));
        await WaitUntilReadingAsync(fifo, reach);

        var clock = Stopwatch.StartNew();
        reach.Signal(signal);
        var exited = await reach.WaitForExitAsync(TimeSpan.FromSeconds(10));

        Assert.True(exited, $"reach ignored signal {signal} while reading {fifo}\n{reach.Error}");
        Assert.True(clock.Elapsed < Interruption.Grace, $"reach took {clock.Elapsed} to stop: it waited out the grace period instead of stopping the read");
        Assert.Equal(exitCode, reach.ExitCode);
        Assert.Equal("reach: interrupted\n", reach.Error);
    }

    /// <summary>A second signal never crashes reach (it used to end in TaskT_TransitionToFinal_AlreadyCompleted, exit 134).</summary>
    [Theory]
    [InlineData("scan", SigTerm, ExitCodes.Terminated)]
    [InlineData("check", SigInt, ExitCodes.Interrupted)]
    public async Task TwoSignals_WhileReadingAFifo_NeverCrash(string command, int signal, int exitCode)
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "FIFOs, signals and /proc");
        var fifo = MakeFifo();
        using var writer = HoldOpen(fifo);
        using var reach = ReachProcess.Start(ReadingAFifo(command, fifo));
        await WaitUntilReadingAsync(fifo, reach);

        reach.Signal(signal);
        await Task.Delay(SecondSignalDelay, TestContext.Current.CancellationToken);
        reach.Signal(signal);
        var exited = await reach.WaitForExitAsync(TimeSpan.FromSeconds(10));

        Assert.True(exited, $"reach ignored two signals {signal}\n{reach.Error}");
        Assert.DoesNotContain("Unhandled", reach.Error, StringComparison.Ordinal);
        Assert.Equal(exitCode, reach.ExitCode); // from reach, or from the runtime's default for a late second signal
    }

    /// <summary>
    /// A command that blocks before its first await runs on reach's own thread (a cold start creates none for it: issue
    /// 13, item 29). `reach watch` reads its configuration there; from a FIFO that read waits for data no token can
    /// interrupt. Reach still ends: once the grace period is over, from the signal's side, with 143.
    /// </summary>
    [Fact]
    public async Task Sigterm_WhileWatchBlocksReadingItsConfig_EndsReachAfterTheGrace_With143()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "FIFOs, signals and /proc");
        var fifo = MakeFifo();
        using var writer = HoldOpen(fifo);
        using var reach = ReachProcess.Start("watch", "-c", fifo, "--data", Path.Combine(directory, "data"), "--listen", "none");
        await WaitUntilReadingAsync(fifo, reach);

        reach.Signal(SigTerm);
        var exited = await reach.WaitForExitAsync(Interruption.Grace + TimeSpan.FromSeconds(8));

        Assert.True(exited, $"reach did not end after SIGTERM while blocked reading {fifo}\n{reach.Error}");
        Assert.Equal(ExitCodes.Terminated, reach.ExitCode);
        Assert.Contains("reach: interrupted", reach.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled", reach.Error, StringComparison.Ordinal);
    }

    /// <summary>The command line that has <paramref name="command"/> read its targets from <paramref name="fifo"/>.</summary>
    private static string[] ReadingAFifo(string command, string fifo) => command == "scan"
        ? ["scan", "--list", "-p", "22", "-i", fifo]
        : ["check", "-p", ClosedPort(), "--no-ping", "-i", fifo];

    /// <summary>A port this test opened and closed: the FIFO holds no target, but nothing else would be probed if it did.</summary>
    private static string ClosedPort() => CliRunner.ClosedPort().ToString(System.Globalization.CultureInfo.InvariantCulture);

    private string MakeFifo()
    {
        var path = Path.Combine(directory, "targets.fifo");
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo") { ArgumentList = { path } })!;
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
        return path;
    }

    /// <summary>
    /// Holds the FIFO open for writing and writes nothing, so reach's open succeeds and its read() blocks. Opened
    /// read-write, which on Linux never blocks (a write-only open would wait for a reader).
    /// </summary>
    private static FileStream HoldOpen(string fifo) => new(fifo, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, bufferSize: 0);

    /// <summary>Waits until reach has the FIFO open (it listens for signals before it opens input), then a moment for the read.</summary>
    private static async Task WaitUntilReadingAsync(string fifo, ReachProcess reach)
    {
        await reach.WaitForOpenFileAsync(fifo, StartTimeout);
        await Task.Delay(300, TestContext.Current.CancellationToken);
    }
}
