using Reach.Tls;

namespace Reach.Monitoring.Probing;

/// <summary>A completed TLS handshake: the protocol that answered and the leaf certificate.</summary>
/// <param name="Protocol"><c>TLSv1.3</c>, <c>TLSv1.2</c>, …</param>
/// <param name="CipherSuite">The negotiated suite's IANA name.</param>
/// <param name="Subject">The leaf's subject, as one printable line (it comes from the remote side).</param>
/// <param name="NotAfter">The end of the leaf's validity.</param>
/// <param name="DaysLeft">Whole days left at the probe (negative once expired).</param>
/// <param name="Sha256">The leaf's SHA-256 fingerprint: a new one is a changed certificate.</param>
/// <param name="StartTls">The upgrade run before the handshake, if any.</param>
internal sealed record TlsDetails(
    string Protocol,
    string? CipherSuite,
    string Subject,
    DateTimeOffset NotAfter,
    int DaysLeft,
    string Sha256,
    StartTlsProtocol? StartTls);
