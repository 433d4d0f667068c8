namespace Reach.Identification;

/// <summary>
/// What a well-known port promises: the protocol that should answer, the name admins call it, and the probe that asks
/// it when it waits for its client. Only ports whose service is unambiguous are listed: a port outside this table
/// (8080, 3000, 9000, …) answers whatever it answers, and reach never calls that wrong.
/// </summary>
/// <param name="Port">The TCP port.</param>
/// <param name="Protocol">The protocol that should answer (<see cref="ServiceProtocol.Tls"/> for TLS-wrapped ports).</param>
/// <param name="Name">The service's usual name: HTTPS, IMAPS, SMTP submission.</param>
/// <param name="Probe">The request to send at once; null for a service that speaks first.</param>
public sealed record ExpectedService(int Port, ServiceProtocol Protocol, string Name, ServiceProbe? Probe)
{
    /// <summary>True for ports whose service is TLS from the first byte: TLS is checked there without <c>--tls</c>.</summary>
    public bool TlsWrapped => Protocol == ServiceProtocol.Tls;

    /// <summary>The port's promise, or null when the port is not one whose service is unambiguous.</summary>
    public static ExpectedService? ForPort(int port) => port switch
    {
        21 => new(port, ServiceProtocol.Ftp, "FTP", null),
        22 => new(port, ServiceProtocol.Ssh, "SSH", null),
        23 => new(port, ServiceProtocol.Telnet, "telnet", null),
        25 => new(port, ServiceProtocol.Smtp, "SMTP", null),
        80 => new(port, ServiceProtocol.Http, "HTTP", ServiceProbe.HttpHead),
        110 => new(port, ServiceProtocol.Pop3, "POP3", null),
        143 => new(port, ServiceProtocol.Imap, "IMAP", null),
        389 => new(port, ServiceProtocol.Ldap, "LDAP", ServiceProbe.LdapRootDse),
        443 => Tls(port, "HTTPS"),
        445 => new(port, ServiceProtocol.Smb, "SMB", ServiceProbe.SmbNegotiate),
        465 => Tls(port, "SMTPS"),
        587 => new(port, ServiceProtocol.Smtp, "SMTP submission", null),
        636 => Tls(port, "LDAPS"),
        853 => Tls(port, "DNS over TLS"),
        990 => Tls(port, "FTPS"),
        993 => Tls(port, "IMAPS"),
        995 => Tls(port, "POP3S"),
        3306 => new(port, ServiceProtocol.MySql, "MySQL", null),
        3389 => new(port, ServiceProtocol.Rdp, "RDP", ServiceProbe.RdpConnectionRequest),
        5432 => new(port, ServiceProtocol.PostgreSql, "PostgreSQL", ServiceProbe.PostgresSslRequest),
        5222 => new(port, ServiceProtocol.Xmpp, "XMPP client", ServiceProbe.XmppStream),
        5269 => new(port, ServiceProtocol.Xmpp, "XMPP server", ServiceProbe.XmppStream),
        5900 => new(port, ServiceProtocol.Vnc, "VNC", null),
        5986 => Tls(port, "WinRM over HTTPS"),
        6379 => new(port, ServiceProtocol.Redis, "Redis", ServiceProbe.RedisPing),
        8443 => Tls(port, "HTTPS"),
        _ => null,
    };

    /// <summary>True when <paramref name="answered"/> is not what the port promises (both known).</summary>
    public bool IsContradictedBy(ServiceProtocol answered) => answered switch
    {
        ServiceProtocol.Unknown => false,
        _ when answered == Protocol => false,
        // Both greet with "220 ": a greeting that names neither is read as SMTP, so neither contradicts the other.
        ServiceProtocol.Smtp or ServiceProtocol.Ftp => Protocol is not (ServiceProtocol.Smtp or ServiceProtocol.Ftp),
        _ => true,
    };

    private static ExpectedService Tls(int port, string name) => new(port, ServiceProtocol.Tls, name, ServiceProbe.TlsClientHello);
}
