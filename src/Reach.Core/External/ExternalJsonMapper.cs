using Reach.Sockets;

namespace Reach.External;

/// <summary>Maps an <see cref="ExternalReport"/> to its JSON shape.</summary>
public static class ExternalJsonMapper
{
    public const int SchemaVersion = 1;

    public static ExternalReportJson ToJson(ExternalReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new ExternalReportJson(
            SchemaVersion,
            report.Reflector.ToString(),
            report.Nat.PublicAddress.ToString(),
            report.Nat.LocalAddress?.ToString(),
            report.Nat.Kind,
            report.Nat.Sentence,
            report.Nat.ReflectorIsPrivate,
            report.LocalKnown,
            report.Reachable,
            [.. report.Verdicts.Select(Port)]);
    }

    private static ExternalPortJson Port(ExternalVerdict verdict) => new(
        verdict.Port,
        "tcp",
        verdict.Reachable,
        verdict.Kind,
        verdict.Local,
        [.. verdict.Listeners.Select(l => new ExternalListenerJson(l.Process, l.Pid, l.Bind.Address.ToString(), l.Bind.Port, ExposureWords.Brief(l.Exposure)))],
        verdict.Outside is { } o ? new ExternalOutsideJson(o.StateWord, o.ReasonWord, o.RttMs, o.Explanation) : null,
        verdict.Arrival,
        verdict.Summary,
        verdict.NextStep,
        verdict.Sentence);
}
