using Reach.Tls;

namespace Reach.Identification;

/// <summary>
/// What answers an open port (<c>reach scan --service</c>): the banner or the answer to one safe probe, what the
/// port's number promises, and with <c>--tls</c> the TLS handshake and certificate.
/// </summary>
/// <param name="Banner">What the fresh connection showed (<see cref="BannerReader"/>).</param>
/// <param name="Expected">What the port's number promises; null for ports that promise nothing in particular.</param>
/// <param name="Tls">The handshake and its certificate, when one was tried; null otherwise.</param>
public sealed record ServiceIdentification(ServiceBanner Banner, ExpectedService? Expected, TlsReport? Tls)
{
    /// <summary>The port was found open but the run was stopped (Ctrl+C) before it was identified.</summary>
    public bool Interrupted { get; init; }

    /// <summary>
    /// The protocol that answered: the banner's, or TLS when the banner named nothing but a handshake completed (a TLS
    /// service on an unusual port waits for its ClientHello); null when nothing answered.
    /// </summary>
    public ServiceProtocol? Protocol => Banner.Protocol switch
    {
        null or ServiceProtocol.Unknown when Tls is { HandshakeCompleted: true } && Tls.StartTls is null => ServiceProtocol.Tls,
        var banner => banner,
    };

    /// <summary>True when the port answers another protocol than its number promises (port 443 answering SSH).</summary>
    public bool Mismatch => Expected is { } expected && Protocol is { } answered && expected.IsContradictedBy(answered);

    /// <summary>A port found open whose identification the run did not finish (Ctrl+C).</summary>
    public static ServiceIdentification NotFinished(int port) =>
        new(ServiceBanner.Silent with { Error = "the scan was interrupted first" }, ExpectedService.ForPort(port), null) { Interrupted = true };
}
