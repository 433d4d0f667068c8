namespace Reach.Tls;

/// <summary>What a TLS handshake with the service showed, and whether a client could trust it.</summary>
/// <param name="ServerName">The name sent as SNI and checked against the certificate.</param>
/// <param name="Protocol"><c>TLSv1.3</c>, <c>TLSv1.2</c>, …; null when the handshake failed.</param>
/// <param name="CipherSuite">The IANA name of the negotiated suite (<c>TLS_AES_256_GCM_SHA384</c>).</param>
/// <param name="Alpn">The application protocol the server chose (<c>h2</c>, <c>http/1.1</c>), if any.</param>
/// <param name="Chain">The certificates the server sent, leaf first.</param>
/// <param name="Problems">Why it is not trusted (empty: trusted).</param>
/// <param name="DaysLeft">Whole days until the leaf certificate expires (negative once it has).</param>
/// <param name="Error">Why the handshake failed, in one line.</param>
/// <param name="Elapsed">Connect and handshake together (and the STARTTLS preamble).</param>
/// <param name="StartTls">The upgrade run before the handshake, if any.</param>
public sealed record TlsReport(
    string ServerName,
    string? Protocol,
    string? CipherSuite,
    string? Alpn,
    IReadOnlyList<CertificateInfo> Chain,
    IReadOnlyList<TlsProblem> Problems,
    int? DaysLeft,
    string? Error,
    TimeSpan Elapsed,
    StartTlsProtocol? StartTls = null)
{
    public bool HandshakeCompleted => Protocol is not null;

    public bool Trusted => HandshakeCompleted && Problems.Count == 0;
}
