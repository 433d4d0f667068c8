namespace Reach.External;

// The JSON shape of `reach external --json` (docs/external.md). Plain strings and numbers only.

public sealed record ExternalReportJson(
    int SchemaVersion,
    string Reflector,
    string PublicAddress,
    string? LocalAddress,
    NatKind Nat,
    string NatExplanation,
    bool ReflectorIsPrivate,
    bool LocalKnown,
    bool Reachable,
    IReadOnlyList<ExternalPortJson> Ports);

public sealed record ExternalPortJson(
    int Port,
    string Proto,
    bool Reachable,
    ExternalVerdictKind Verdict,
    LocalExposure Local,
    IReadOnlyList<ExternalListenerJson> Listeners,
    ExternalOutsideJson? Outside,
    ArrivalEvidence Arrival,
    string Summary,
    string? NextStep,
    string Explanation);

public sealed record ExternalListenerJson(string? Process, int? Pid, string Address, int Port, string Exposure);

public sealed record ExternalOutsideJson(string State, string? Reason, double? RttMs, string? Explanation);
