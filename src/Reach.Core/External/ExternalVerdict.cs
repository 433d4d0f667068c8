namespace Reach.External;

/// <summary>One port's answer to "is it reachable from the internet, and if not, why?".</summary>
/// <param name="Port">The TCP port.</param>
/// <param name="Kind">The verdict.</param>
/// <param name="Reachable">Something answers on the port from outside (open).</param>
/// <param name="Local">Whether a listener here takes connections arriving from outside.</param>
/// <param name="Listeners">The TCP listeners on the port here.</param>
/// <param name="Outside">What the reflector saw; <see langword="null"/> when it did not report the port.</param>
/// <param name="Arrival">Whether the reflector's connection attempts were seen arriving here.</param>
/// <param name="Summary">What is the case, in one sentence.</param>
/// <param name="NextStep">What to do about it; <see langword="null"/> when nothing needs doing.</param>
public sealed record ExternalVerdict(
    int Port,
    ExternalVerdictKind Kind,
    bool Reachable,
    LocalExposure Local,
    IReadOnlyList<LocalListener> Listeners,
    OutsidePortResult? Outside,
    ArrivalEvidence Arrival,
    string Summary,
    string? NextStep)
{
    /// <summary>The summary and the next step in one line.</summary>
    public string Sentence => NextStep is null ? Summary : $"{Summary}: {NextStep}";
}
