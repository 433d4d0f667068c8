using Reach.Monitoring.Expansion;

namespace Reach.Monitoring.Store;

/// <summary>One outage of one target: from the first failure that made it DOWN to the first success that made it UP.</summary>
/// <param name="Id">The store's id, also in every alert about it.</param>
/// <param name="Target">Which target.</param>
/// <param name="Start">The first failure of the streak that made it DOWN.</param>
/// <param name="End">The first success of the streak that made it UP; null while open.</param>
/// <param name="Reason">The failure that opened it, in nmap's words (<c>closed (conn-refused)</c>).</param>
/// <param name="LastError">The last failure before it closed (or the latest, while open).</param>
/// <param name="EndNote">Why it closed when not by recovery (<c>removed from the configuration</c>; a certificate's renewal).</param>
/// <param name="Kind">An outage, or a certificate's warning or change.</param>
internal sealed record Incident(
    long Id,
    TargetKey Target,
    DateTimeOffset Start,
    DateTimeOffset? End,
    string Reason,
    string? LastError,
    string? EndNote = null,
    IncidentKind Kind = IncidentKind.Outage)
{
    public bool IsOpen => End is null;

    /// <summary>How long it lasted, or has lasted until <paramref name="now"/> while open.</summary>
    public TimeSpan Duration(DateTimeOffset now) => (End ?? now) - Start;
}
