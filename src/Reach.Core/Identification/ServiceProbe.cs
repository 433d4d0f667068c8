using System.Text.Json.Serialization;

namespace Reach.Identification;

/// <summary>
/// The one safe, standard request reach sends to a service that waits for its client to speak first. Each asks for
/// nothing but the protocol's own hello: no login, no command that changes anything.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<ServiceProbe>))]
public enum ServiceProbe
{
    /// <summary><c>HEAD / HTTP/1.1</c> with the target's name as Host.</summary>
    [JsonStringEnumMemberName("http-head")] HttpHead,

    /// <summary>A TLS ClientHello (TLS 1.2 and 1.3), answered by a ServerHello or an alert.</summary>
    [JsonStringEnumMemberName("tls-client-hello")] TlsClientHello,

    /// <summary>Redis <c>PING</c>: <c>+PONG</c>, or an error naming why (NOAUTH, protected mode).</summary>
    [JsonStringEnumMemberName("redis-ping")] RedisPing,

    /// <summary>PostgreSQL's SSLRequest: one byte back, <c>S</c> or <c>N</c>.</summary>
    [JsonStringEnumMemberName("postgres-ssl-request")] PostgresSslRequest,

    /// <summary>RDP's X.224 Connection Request (MS-RDPBCGR 2.2.1.1) asking for TLS or CredSSP.</summary>
    [JsonStringEnumMemberName("rdp-connection-request")] RdpConnectionRequest,

    /// <summary>An SMB2 NEGOTIATE (MS-SMB2 2.2.3) offering dialects 2.0.2 to 3.0.2.</summary>
    [JsonStringEnumMemberName("smb-negotiate")] SmbNegotiate,

    /// <summary>An LDAP search of the root DSE (RFC 4512 §5.1), which servers answer before any bind.</summary>
    [JsonStringEnumMemberName("ldap-rootdse")] LdapRootDse,

    /// <summary>An XMPP stream open (RFC 6120 §4.2) to the target's name, answered by the server's stream header.</summary>
    [JsonStringEnumMemberName("xmpp-stream")] XmppStream,
}
