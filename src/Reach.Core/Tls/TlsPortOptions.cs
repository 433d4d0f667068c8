namespace Reach.Tls;

/// <summary>How a port is usually shaken hands with: the one rule <c>reach check --tls</c> and <c>reach scan --service --tls</c> share.</summary>
public static class TlsPortOptions
{
    /// <summary>
    /// The port's usual way to TLS: STARTTLS on the mail, FTP, LDAP, XMPP and database ports (25, 587, 110, 143, 21,
    /// 389, 5222, 5269, 5432, 3306; <see cref="StartTls.ForPort"/>) unless one was asked
    /// for; ALPN (h2, http/1.1) offered on the HTTPS ports only, since a server of another protocol that knows ALPN may
    /// end the handshake when none of the offered protocols is its own (RFC 7301 §3.2).
    /// </summary>
    public static TlsProbeOptions ForPort(TlsProbeOptions options, int port)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.StartTls is null && StartTls.ForPort(port) is { } upgrade)
        {
            options = options with { StartTls = upgrade };
        }

        return port is 443 or 8443 && options.ApplicationProtocols.Count == 0 ? options with { ApplicationProtocols = ["h2", "http/1.1"] } : options;
    }
}
