using System.Collections.Concurrent;
using Reach.Monitoring.Alerts;

namespace Reach.Monitoring.Tests.TestSupport;

/// <summary>An alert channel that keeps every alert it is given; while <see cref="Failing"/>, it refuses them (HTTP 503).</summary>
internal sealed class RecordingChannel(string key) : IAlertChannel
{
    private volatile bool failing;
    private int attempts;

    public string Key => key;

    public ConcurrentQueue<AlertEvent> Sent { get; } = new();

    /// <summary>The events sent, in order (<c>down</c>, <c>recovered</c>, <c>repeat</c>).</summary>
    public IReadOnlyList<string> Events => [.. Sent.Select(a => a.Event.ToWord())];

    public int Attempts => Volatile.Read(ref attempts);

    public bool Failing
    {
        get => failing;
        set => failing = value;
    }

    public Task SendAsync(AlertEvent alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        Interlocked.Increment(ref attempts);
        if (failing)
        {
            throw new AlertDeliveryException("HTTP 503");
        }

        Sent.Enqueue(alert);
        return Task.CompletedTask;
    }
}
