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
            result.RoundTrip?.TotalMilliseconds,
            result.Detail,
            result.PreviousAddress?.ToString());
    }

    public static PingSummaryJson ToJson(PingRun run, string host, int? port)
    {
        ArgumentNullException.ThrowIfNull(run);
        var summary = run.Summary;
        var rtt = summary.RoundTrips is { } r
            ? new PingRttJson(r.Count, r.Min, r.Avg, r.Max, r.StdDev, r.Jitter, r.P50, r.P95, r.P99)
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

    private static string Proto(int? port) => port is null ? "icmp" : "tcp";
}
