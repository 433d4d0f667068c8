using Reach.Pinging;

namespace Reach.Output;

/// <summary>Maps <c>reach ping</c> results to their JSON Lines records (docs/ping-json.md).</summary>
public static class PingJsonMapper
{
    /// <param name="result">The probe.</param>
    /// <param name="host">The target as given (a name or an address).</param>
    /// <param name="port">The TCP port; null for ICMP.</param>
    public static PingProbeJson ToJson(PingResult result, string host, int? port)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new PingProbeJson(
            "probe",
            result.Sequence,
            result.Timestamp,
            host,
            result.Address?.ToString(),
            port,
            Proto(port),
            result.State,
            result.Reason,
            result.RoundTrip is { } roundTrip ? Ms(roundTrip.TotalMilliseconds) : null,
            result.Detail,
            result.PreviousAddress?.ToString());
    }

    public static PingSummaryJson ToJson(PingRun run, string host, int? port)
    {
        ArgumentNullException.ThrowIfNull(run);
        var summary = run.Summary;
        var rtt = summary.RoundTrips is { } r
            ? new PingRttJson(r.Count, Ms(r.Min), Ms(r.Avg), Ms(r.Max), Ms(r.StdDev), r.Jitter is { } jitter ? Ms(jitter) : null, Ms(r.P50), Ms(r.P95), Ms(r.P99))
            : null;
        return new PingSummaryJson(
            "summary",
            host,
            port,
            Proto(port),
            summary.Sent,
            summary.Succeeded,
            summary.Failed,
            summary.LossPercent,
            rtt,
            summary.StateChanges.Select(c => new PingStateChangeJson(c.Sequence, c.At, c.From, c.To, c.Reason)).ToArray(),
            summary.DownIntervals.Select(d => new PingDownIntervalJson(d.Start, d.End, d.Duration.TotalMilliseconds, d.Probes, d.FirstSequence, d.Ongoing)).ToArray(),
            summary.AddressChanges.Select(a => new PingAddressChangeJson(a.Sequence, a.At, a.From.ToString(), a.To.ToString())).ToArray(),
            summary.Started,
            summary.Ended,
            run.Cancelled);
    }

    /// <summary>Milliseconds to the 0.1 µs a Stopwatch tick gives, without binary-float tails (9.107099999999999).</summary>
    private static double Ms(double milliseconds) => Math.Round(milliseconds, 4, MidpointRounding.AwayFromZero);

    private static string Proto(int? port) => port is null ? "icmp" : "tcp";
}
