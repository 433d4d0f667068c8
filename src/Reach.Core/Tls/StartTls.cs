namespace Reach.Tls;

/// <summary>
/// The plain-text preamble that turns a service's connection into TLS, as <c>openssl s_client -starttls PROTO</c> does:
/// read the greeting, ask for TLS, read the go-ahead. Each preamble is reach's own and small, and reads byte-at-a-time
/// or by the length the protocol announced, so not a byte of the TLS handshake that follows is taken. Every read is
/// bounded in size here and in time by the caller's token: a server that never ends a reply fails with a reason.
/// </summary>
public static class StartTls
{
    /// <summary>
    /// Every <see cref="StartTlsProtocol"/> word, as help and errors list them. A constant, not built from the enum:
    /// reading the enum's attributes when every `reach check` builds its help cost start-up page faults (a test keeps
    /// the two equal).
    /// </summary>
    public const string Words = "smtp, imap, pop3, ftp, ldap, xmpp, postgres, mysql";

    /// <summary>The longest reply line read (RFC 5321 allows 512 octets; a little more is tolerated).</summary>
    public const int MaxLine = 1024;

    /// <summary>The most lines one reply may have (an EHLO answer lists a few dozen extensions at most).</summary>
    public const int MaxLines = 100;

    /// <summary>The port's usual upgrade, if it has one.</summary>
    public static StartTlsProtocol? ForPort(int port) => port switch
    {
        25 or 587 => StartTlsProtocol.Smtp,
        143 => StartTlsProtocol.Imap,
        110 => StartTlsProtocol.Pop3,
        21 => StartTlsProtocol.Ftp,
        389 => StartTlsProtocol.Ldap,
        5222 or 5269 => StartTlsProtocol.Xmpp,
        5432 => StartTlsProtocol.Postgres,
        3306 => StartTlsProtocol.MySql,
        _ => null,
    };

    /// <summary>Runs the preamble; on return the next bytes are the TLS handshake's.</summary>
    /// <param name="stream">The fresh connection.</param>
    /// <param name="protocol">The upgrade to run.</param>
    /// <param name="serverName">The name the service is reached by (XMPP's stream header names it).</param>
    /// <param name="port">The service's port (XMPP tells server-to-server streams by it).</param>
    /// <param name="cancellationToken">The deadline.</param>
    /// <exception cref="StartTlsException">The server did not greet, does not offer TLS, or refused it (one line).</exception>
    public static Task NegotiateAsync(Stream stream, StartTlsProtocol protocol, string serverName, int port, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentException.ThrowIfNullOrEmpty(serverName);
        return protocol switch
        {
            StartTlsProtocol.Smtp or StartTlsProtocol.Imap or StartTlsProtocol.Pop3 or StartTlsProtocol.Ftp =>
                LineStartTls.NegotiateAsync(stream, protocol, cancellationToken),
            StartTlsProtocol.Ldap => LdapStartTls.NegotiateAsync(stream, cancellationToken),
            StartTlsProtocol.Xmpp => XmppStartTls.NegotiateAsync(stream, serverName, port, cancellationToken),
            StartTlsProtocol.Postgres => PostgresStartTls.NegotiateAsync(stream, cancellationToken),
            StartTlsProtocol.MySql => MySqlStartTls.NegotiateAsync(stream, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(protocol), protocol, "not a STARTTLS protocol"),
        };
    }
}
