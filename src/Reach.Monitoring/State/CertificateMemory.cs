namespace Reach.Monitoring.State;

/// <summary>What reach remembers of a target's certificate between probes (and, through the store, restarts).</summary>
/// <param name="Sha256">The fingerprint last seen; null before any.</param>
/// <param name="WarningId">The open expiry warning's id in the incident history; null when none is open.</param>
internal sealed record CertificateMemory(string? Sha256, long? WarningId)
{
    public static CertificateMemory None { get; } = new(null, null);
}
