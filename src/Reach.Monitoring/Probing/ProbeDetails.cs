namespace Reach.Monitoring.Probing;

/// <summary>What a probe saw besides its verdict, kept as the target's latest (status page, API, metrics).</summary>
/// <param name="Tls">The TLS session and leaf certificate, when a handshake completed.</param>
internal sealed record ProbeDetails(TlsDetails? Tls = null);
