namespace Reach.Monitoring.Probing;

/// <summary>What a probe saw besides its verdict, kept as the target's latest (status page, API, metrics).</summary>
/// <param name="Tls">The TLS session and leaf certificate, when a handshake completed (tls checks, http on https).</param>
/// <param name="Http">The HTTP answer, for http checks.</param>
/// <param name="Answer">What the service sent back, for expect checks.</param>
internal sealed record ProbeDetails(TlsDetails? Tls = null, HttpDetails? Http = null, AnswerDetails? Answer = null);
