using Reach.Monitoring.Expansion;

namespace Reach.Monitoring.Store;

/// <summary>Which incidents to list: those overlapping [From, To), optionally of one target or check, newest first.</summary>
internal sealed record IncidentQuery(
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    TargetKey? Target = null,
    string? Check = null,
    bool OpenOnly = false,
    int Limit = 1000);
