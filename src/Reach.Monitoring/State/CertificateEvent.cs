using Reach.Monitoring.Probing;

namespace Reach.Monitoring.State;

/// <summary>What a certificate did since the last probe.</summary>
internal enum CertificateEventKind
{
    /// <summary>A new SHA-256 fingerprint: an event in the history, no alert.</summary>
    Changed,

    /// <summary>Fewer days left than <c>warn_days</c>: a warning opens and alerts once.</summary>
    Expiring,

    /// <summary>Days left back at <c>warn_days</c> or more: the open warning closes and alerts.</summary>
    Renewed,
}

/// <summary>One certificate event and the certificate it is about.</summary>
/// <param name="Kind">Changed, expiring or renewed.</param>
/// <param name="Certificate">The certificate now seen.</param>
/// <param name="PreviousSha256">For a change: the fingerprint before.</param>
/// <param name="WarnDays">The check's threshold, for the words.</param>
internal sealed record CertificateEvent(CertificateEventKind Kind, TlsDetails Certificate, string? PreviousSha256, int WarnDays);
