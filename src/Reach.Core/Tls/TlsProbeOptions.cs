using System.Security.Cryptography.X509Certificates;

namespace Reach.Tls;

/// <summary>How <see cref="TlsProbe"/> shakes hands and whom it trusts.</summary>
public sealed record TlsProbeOptions
{
    /// <summary>Connect and handshake together.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Trust anchors added to the system's (<c>--ca FILE</c>: a private CA).</summary>
    public X509Certificate2Collection ExtraTrust { get; init; } = [];

    /// <summary>ALPN protocols offered (<c>h2</c>, <c>http/1.1</c> for HTTPS); none by default, as openssl s_client.</summary>
    public IReadOnlyList<string> ApplicationProtocols { get; init; } = [];

    /// <summary>The protocol's own upgrade to run before the handshake (<c>--starttls</c>); null: TLS from the first byte.</summary>
    public StartTlsProtocol? StartTls { get; init; }

    /// <summary>The clock for validity and days left.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
