using Reach.Probes;
using Reach.Tracing;

namespace Reach.Output;

/// <summary>Maps a finished trace to its JSON shape (round trips in milliseconds with microsecond precision).</summary>
public static class TraceJsonMapper
{
    public static TraceJson ToJson(TraceResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var verdict = result.Verdict;
        return new TraceJson(
            result.Target.Text,
            result.Target.Host,
            result.Address?.ToString(),
            result.Port?.Number,
            result.Port?.ServiceName,
            result.Mode,
            result.Options.MaxHops,
            result.Options.Queries,
            result.Options.Timeout.TotalMilliseconds,
            result.Hops.Select(ToJson).ToArray(),
            result.Reached,
            new TraceVerdictJson(verdict.State, verdict.Reason, verdict.Hop, verdict.Address?.ToString(), verdict.Explanation));
    }

    public static double Milliseconds(TimeSpan duration) => Math.Round(duration.TotalMilliseconds, 3);

    private static TraceHopJson ToJson(TraceHop hop) => new(
        hop.Ttl,
        hop.Address?.ToString(),
        hop.Name,
        hop.Probes.Select(p => new TraceProbeJson(
            p.From?.ToString(),
            p.RoundTrip is { } rtt ? Milliseconds(rtt) : null,
            p.Answer,
            p.Answer == HopAnswer.Unreachable ? p.Reason?.ToWord() : p.Detail)).ToArray());
}
