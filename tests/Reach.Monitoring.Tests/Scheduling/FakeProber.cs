using System.Collections.Concurrent;
using Reach.Monitoring.Expansion;
using Reach.Monitoring.Probing;
using Reach.Probes;

namespace Reach.Monitoring.Tests.Scheduling;

/// <summary>
/// Records every probe; a probe of a held target waits until released, one of a failing target throws, one of a
/// refusing target is refused (the target's answer: a failure, not an exception), every other one succeeds.
/// </summary>
internal sealed class FakeProber : ITargetProber
{
    private readonly ConcurrentDictionary<TargetKey, TaskCompletionSource> held = new();
    private readonly ConcurrentDictionary<TargetKey, Exception> failing = new();
    private readonly ConcurrentDictionary<TargetKey, bool> refusing = new();
    private readonly ConcurrentDictionary<TargetKey, ProbeDetails> details = new();

    public ConcurrentQueue<(TargetKey Key, DateTimeOffset At)> Calls { get; } = new();

    public int InFlight => Volatile.Read(ref inFlight);

    public int MaxInFlight => Volatile.Read(ref maxInFlight);

    private int inFlight;
    private int maxInFlight;

    /// <summary>Every probe of this target throws <paramref name="exception"/> (a bug in a prober).</summary>
    public void Fail(TargetKey key, Exception exception) => failing[key] = exception;

    /// <summary>From now on, every probe of this target is refused (<c>closed (conn-refused)</c>), until <see cref="Answer"/>.</summary>
    public void Refuse(TargetKey key) => refusing[key] = true;

    /// <summary>From now on, every probe of this target succeeds (<c>open (syn-ack)</c>).</summary>
    public void Answer(TargetKey key) => refusing.TryRemove(key, out _);

    /// <summary>From now on, every answered probe of this target shows these details (a certificate, an HTTP answer).</summary>
    public void Show(TargetKey key, ProbeDetails shown) => details[key] = shown;

    public void Hold(TargetKey key) => held[key] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release(TargetKey key)
    {
        if (held.TryRemove(key, out var gate))
        {
            gate.SetResult();
        }
    }

    public int CountOf(TargetKey key) => Calls.Count(c => c.Key == key);

    public async Task<ProbeOutcome> ProbeAsync(MonitoredTarget target, DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        Calls.Enqueue((target.Key, startedAt));
        var now = Interlocked.Increment(ref inFlight);
        int seen;
        while (now > (seen = Volatile.Read(ref maxInFlight)) && Interlocked.CompareExchange(ref maxInFlight, now, seen) != seen)
        {
        }

        try
        {
            if (failing.TryGetValue(target.Key, out var exception))
            {
                throw exception;
            }

            if (held.TryGetValue(target.Key, out var gate))
            {
                await gate.Task.WaitAsync(cancellationToken);
            }

            return refusing.ContainsKey(target.Key)
                ? new ProbeOutcome(startedAt, ProbeVerdict.Failure, ProbeState.Closed, ProbeReason.ConnRefused, null, target.Address, "Connection refused")
                : new ProbeOutcome(startedAt, ProbeVerdict.Success, ProbeState.Open, ProbeReason.SynAck, TimeSpan.FromMilliseconds(1), target.Address, null, details.GetValueOrDefault(target.Key));
        }
        finally
        {
            Interlocked.Decrement(ref inFlight);
        }
    }
}
