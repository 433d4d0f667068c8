using System.Security.Cryptography.X509Certificates;

namespace Reach.Http;

/// <summary>How <see cref="HttpProbe"/> asks.</summary>
public sealed record HttpProbeOptions
{
    /// <summary>The whole exchange (connect, TLS, answer, body), redirects followed included.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Follow redirects (at most <see cref="HttpProbe.MaxRedirects"/>); by default the first answer is the report.</summary>
    public bool Follow { get; init; }

    /// <summary>The method: GET by default (HEAD is answered wrongly by some servers).</summary>
    public HttpMethod Method { get; init; } = HttpMethod.Get;

    /// <summary>How many body bytes to keep in <see cref="HttpReport.Body"/> (a watch's body match); 0 keeps none.</summary>
    public int BodyLimit { get; init; }

    /// <summary>
    /// Judge an https answer's certificate into <see cref="HttpReport.Tls"/> (a watch's http check, which makes no other
    /// handshake). Off for <c>reach check</c>, whose own TLS report already judged it: building the chain twice costs.
    /// </summary>
    public bool JudgeCertificate { get; init; }

    /// <summary>Trust anchors added to the system's when an https answer's certificate is judged (<see cref="HttpReport.Tls"/>).</summary>
    public X509Certificate2Collection ExtraTrust { get; init; } = [];

    /// <summary>The clock for the certificate's validity and days left.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
