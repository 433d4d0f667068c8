using System.Runtime.InteropServices;

namespace Reach.Cli.Infrastructure;

/// <summary>
/// Ctrl+C (SIGINT) and SIGTERM for one run of reach. The first signal cancels <see cref="Token"/> and fixes the exit
/// code the shell expects (130, or 143 for SIGTERM); a command notices and stops at once. One that does not (stuck in
/// a read no token reaches) is abandoned after <see cref="Grace"/>, and a second signal abandons it at once: the
/// process exits either way. A signal never throws: System.CommandLine's own handler completed its result twice on a
/// second signal and crashed reach (exit 134), so reach handles the signals itself.
/// </summary>
internal sealed class Interruption : IDisposable
{
    /// <summary>
    /// How long a command has to wind up after the first signal (print what a scan found so far, stop a service)
    /// before reach exits without it; the same as System.CommandLine's default termination timeout.
    /// </summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(2);

    private readonly CancellationTokenSource cancellation = new();
    private readonly TaskCompletionSource abandoned = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TimeProvider clock;
    private readonly TimeSpan grace;
    private readonly List<PosixSignalRegistration> registrations = [];
    private readonly Lock gate = new();
    private ITimer? graceTimer;
    private int signals;
    private int exitCode = ExitCodes.Interrupted;
    private bool disposed;

    /// <summary>An interruption driven by <see cref="Signal"/> alone (tests), with its own clock for the grace period.</summary>
    public Interruption(TimeProvider clock, TimeSpan grace)
    {
        ArgumentNullException.ThrowIfNull(clock);
        this.clock = clock;
        this.grace = grace;
    }

    /// <summary>Cancelled by the first signal.</summary>
    public CancellationToken Token => cancellation.Token;

    /// <summary>Completes when reach should stop waiting for the command: a second signal, or the grace period is over.</summary>
    public Task Abandoned => abandoned.Task;

    /// <summary>Whether a signal came.</summary>
    public bool Requested => Volatile.Read(ref signals) > 0;

    /// <summary>The exit code for an interrupted run: 130 after SIGINT, 143 after SIGTERM.</summary>
    public int ExitCode => Volatile.Read(ref exitCode);

    /// <summary>Listens for SIGINT and SIGTERM (Ctrl+C, and on Windows closing or shutting down the console).</summary>
    public static Interruption ForProcess()
    {
        var interruption = new Interruption(TimeProvider.System, Grace);
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM })
        {
            try
            {
                interruption.registrations.Add(PosixSignalRegistration.Create(signal, context =>
                {
                    context.Cancel = true; // reach decides how to end, not the runtime's default
                    interruption.Signal(context.Signal);
                }));
            }
            catch (PlatformNotSupportedException)
            {
                // A platform without that signal: nothing to listen for.
            }
        }

        return interruption;
    }

    /// <summary>Handles one signal: the first cancels the token and starts the grace period, any later one abandons the command.</summary>
    public void Signal(PosixSignal signal)
    {
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            if (++signals > 1)
            {
                abandoned.TrySetResult();
                return;
            }

            Volatile.Write(ref exitCode, signal == PosixSignal.SIGTERM ? ExitCodes.Terminated : ExitCodes.Interrupted);
            graceTimer = clock.CreateTimer(static state => ((TaskCompletionSource)state!).TrySetResult(), abandoned, grace, Timeout.InfiniteTimeSpan);

            // Asynchronously: the callbacks registered on the token run on the thread pool, never on the signal
            // thread, so a slow or throwing one cannot hold up or break the handling of the next signal.
            _ = cancellation.CancelAsync().ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
    }

    public void Dispose()
    {
        foreach (var registration in registrations)
        {
            registration.Dispose();
        }

        lock (gate)
        {
            disposed = true;
            graceTimer?.Dispose();
            cancellation.Dispose();
        }
    }
}
