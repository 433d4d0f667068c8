using Reach.Monitoring.Alerts;
using Reach.Monitoring.Probing;
using Reach.Monitoring.Store;
using Reach.Output;

namespace Reach.Monitoring;

/// <summary>
/// The words reach watch stores and prints for its own enums: each member's JSON word, its
/// <c>[JsonStringEnumMemberName]</c>, the one place a word is written down (see <see cref="EnumWords{T}"/>). Reasons
/// are Reach.Core's (<see cref="Probes.ProbeWords"/>).
/// </summary>
internal static class WatchWords
{
    private static readonly EnumWords<ProbeState> ProbeStates = new();
    private static readonly EnumWords<AlertKind> AlertKinds = new();
    private static readonly EnumWords<AlertStatus> AlertStatuses = new();
    private static readonly EnumWords<IncidentKind> IncidentKinds = new();

    public static string ToWord(this ProbeState state) => ProbeStates.Word(state);

    /// <summary><c>down</c>, <c>recovered</c>, <c>repeat</c>: the alert's <c>event</c>.</summary>
    public static string ToWord(this AlertKind kind) => AlertKinds.Word(kind);

    /// <summary><c>UP</c>, <c>DOWN</c>: the alert's <c>status</c>.</summary>
    public static string ToWord(this AlertStatus status) => AlertStatuses.Word(status);

    /// <summary><c>outage</c>, <c>certificate-expiring</c>, <c>certificate-changed</c>: an incident's <c>kind</c>.</summary>
    public static string ToWord(this IncidentKind kind) => IncidentKinds.Word(kind);

    /// <summary>The state a stored word names; false for any other word.</summary>
    public static bool TryParse(string? word, out ProbeState state) => ProbeStates.TryParse(word, out state);
}
