using System.Runtime.InteropServices;
using Reach.Cli.Infrastructure;
using Reach.Cli.Tests.Rendering;

namespace Reach.Cli.Tests.Infrastructure;

public class InterruptionTests
{
    [Theory]
    [InlineData(PosixSignal.SIGINT, 130)]
    [InlineData(PosixSignal.SIGTERM, 143)]
    public async Task FirstSignal_CancelsTheToken_AndSetsTheShellsExitCode(PosixSignal signal, int exitCode)
    {
        using var interruption = new Interruption(new ManualClock(), TimeSpan.FromSeconds(2));

        interruption.Signal(signal);

        await WaitForCancellationAsync(interruption.Token);
        Assert.True(interruption.Requested);
        Assert.Equal(exitCode, interruption.ExitCode);
        Assert.False(interruption.Abandoned.IsCompleted);
    }

    [Fact]
    public void SecondSignal_AbandonsTheCommandAtOnce_AndLaterOnesChangeNothing()
    {
        using var interruption = new Interruption(new ManualClock(), TimeSpan.FromSeconds(2));

        interruption.Signal(PosixSignal.SIGTERM);
        interruption.Signal(PosixSignal.SIGINT);
        interruption.Signal(PosixSignal.SIGINT);

        Assert.True(interruption.Abandoned.IsCompleted);
        Assert.Equal(143, interruption.ExitCode); // the first signal decides
    }

    [Fact]
    public void GracePeriod_AbandonsACommandThatDoesNotStop()
    {
        var clock = new ManualClock();
        using var interruption = new Interruption(clock, TimeSpan.FromSeconds(2));

        interruption.Signal(PosixSignal.SIGINT);
        clock.Advance(TimeSpan.FromSeconds(1.9));
        Assert.False(interruption.Abandoned.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(0.2));

        Assert.True(interruption.Abandoned.IsCompleted);
    }

    [Fact]
    public void NoSignal_NothingHappens()
    {
        var clock = new ManualClock();
        using var interruption = new Interruption(clock, TimeSpan.FromSeconds(2));

        clock.Advance(TimeSpan.FromMinutes(5));

        Assert.False(interruption.Requested);
        Assert.False(interruption.Token.IsCancellationRequested);
        Assert.False(interruption.Abandoned.IsCompleted);
    }

    [Fact]
    public void SignalAfterDispose_IsIgnored()
    {
        var interruption = new Interruption(new ManualClock(), TimeSpan.FromSeconds(2));
        interruption.Dispose();

        interruption.Signal(PosixSignal.SIGINT);
        interruption.Signal(PosixSignal.SIGINT);

        Assert.False(interruption.Requested);
    }

    private static async Task WaitForCancellationAsync(CancellationToken token)
    {
        // The token is cancelled asynchronously (its callbacks never run on the signal thread).
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = token.Register(() => cancelled.TrySetResult());
        await cancelled.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
    }
}
