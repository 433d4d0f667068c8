using System.Net;
using Reach.Tls;

namespace Reach.Identification;

/// <summary>
/// Names what answers one open port, as <c>reach check</c> does (the same <see cref="BannerReader"/> and
/// <see cref="TlsProbe"/>): the banner or the answer to the port's one safe probe; with TLS options, then a handshake
/// where TLS is to be had. Each step is bounded by its own wait; a port costs at most both.
/// </summary>
public static class ServiceIdentifier
{
    public static async Task<ServiceIdentification> IdentifyAsync(IPEndPoint remote, string host, ServiceIdentifierOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(remote);
        ArgumentException.ThrowIfNullOrEmpty(host);
        ArgumentNullException.ThrowIfNull(options);
        var expected = ExpectedService.ForPort(remote.Port);
        var banner = await BannerReader.ReadAsync(remote, host, expected?.Probe, options.Wait, cancellationToken).ConfigureAwait(false);
        TlsReport? tls = null;
        if (options.Tls is { } tlsOptions && OffersTls(remote.Port, expected, banner))
        {
            tls = await TlsProbe.ProbeAsync(remote, host, TlsPortOptions.ForPort(tlsOptions, remote.Port), cancellationToken).ConfigureAwait(false);
        }

        return new ServiceIdentification(banner, expected, tls);
    }

    /// <summary>
    /// Where a handshake is worth a connection: a TLS-wrapped port (443, 993, …), a port that answered TLS, a STARTTLS
    /// port (25, 143, 5432, …) that answered its own protocol, and a port that answered nothing reach knows (a TLS
    /// service on an unusual port waits for its ClientHello and does not answer <c>HEAD /</c>). Never where another
    /// known protocol answered: SSH or Redis have no TLS to show.
    /// </summary>
    internal static bool OffersTls(int port, ExpectedService? expected, ServiceBanner banner)
    {
        if (expected is { TlsWrapped: true } || banner.Protocol is null or ServiceProtocol.Unknown or ServiceProtocol.Tls)
        {
            return true;
        }

        return StartTls.ForPort(port) is { } upgrade && banner.Protocol == Upgraded(upgrade);
    }

    private static ServiceProtocol? Upgraded(StartTlsProtocol upgrade) => upgrade switch
    {
        StartTlsProtocol.Smtp => ServiceProtocol.Smtp,
        StartTlsProtocol.Imap => ServiceProtocol.Imap,
        StartTlsProtocol.Pop3 => ServiceProtocol.Pop3,
        StartTlsProtocol.Ftp => ServiceProtocol.Ftp,
        StartTlsProtocol.Ldap => ServiceProtocol.Ldap,
        StartTlsProtocol.Postgres => ServiceProtocol.PostgreSql,
        StartTlsProtocol.MySql => ServiceProtocol.MySql,
        _ => null,
    };
}
