using System.Text.Json.Serialization;

namespace Reach.Tls;

/// <summary>A protocol's own upgrade to TLS on its plain port (<c>--starttls</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StartTlsProtocol>))]
public enum StartTlsProtocol
{
    /// <summary>EHLO, then STARTTLS (RFC 3207): ports 25 and 587.</summary>
    [JsonStringEnumMemberName("smtp")] Smtp,

    /// <summary>STARTTLS (RFC 9051 §6.2.1): port 143.</summary>
    [JsonStringEnumMemberName("imap")] Imap,

    /// <summary>STLS (RFC 2595 §4): port 110.</summary>
    [JsonStringEnumMemberName("pop3")] Pop3,

    /// <summary>AUTH TLS (RFC 4217 §4): port 21.</summary>
    [JsonStringEnumMemberName("ftp")] Ftp,

    /// <summary>The StartTLS extended operation (RFC 4511 §4.14): port 389.</summary>
    [JsonStringEnumMemberName("ldap")] Ldap,

    /// <summary>A stream header, then &lt;starttls/&gt; (RFC 6120 §5): ports 5222 (client), 5269 (server).</summary>
    [JsonStringEnumMemberName("xmpp")] Xmpp,

    /// <summary>An SSLRequest packet (PostgreSQL protocol §55.2.10): port 5432.</summary>
    [JsonStringEnumMemberName("postgres")] Postgres,

    /// <summary>The server's handshake, then an SSLRequest packet (MySQL client/server protocol): port 3306.</summary>
    [JsonStringEnumMemberName("mysql")] MySql,
}
