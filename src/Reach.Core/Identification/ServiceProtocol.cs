using System.Text.Json.Serialization;

namespace Reach.Identification;

/// <summary>The protocol a server's first bytes show (nmap's service names where nmap has one).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ServiceProtocol>))]
public enum ServiceProtocol
{
    /// <summary>The server sent something no known protocol starts with.</summary>
    [JsonStringEnumMemberName("unknown")] Unknown,

    [JsonStringEnumMemberName("ssh")] Ssh,
    [JsonStringEnumMemberName("smtp")] Smtp,
    [JsonStringEnumMemberName("ftp")] Ftp,
    [JsonStringEnumMemberName("pop3")] Pop3,
    [JsonStringEnumMemberName("imap")] Imap,
    [JsonStringEnumMemberName("mysql")] MySql,
    [JsonStringEnumMemberName("vnc")] Vnc,
    [JsonStringEnumMemberName("telnet")] Telnet,
    [JsonStringEnumMemberName("http")] Http,

    /// <summary>TLS answered a ClientHello (nmap's word for TLS whose inner protocol is not known).</summary>
    [JsonStringEnumMemberName("ssl")] Tls,
    [JsonStringEnumMemberName("redis")] Redis,
    [JsonStringEnumMemberName("postgresql")] PostgreSql,

    /// <summary>Microsoft's Remote Desktop (nmap's name).</summary>
    [JsonStringEnumMemberName("ms-wbt-server")] Rdp,

    /// <summary>SMB over TCP port 445 (nmap's name).</summary>
    [JsonStringEnumMemberName("microsoft-ds")] Smb,
    [JsonStringEnumMemberName("ldap")] Ldap,

    /// <summary>XMPP (RFC 6120): a stream header answering reach's stream open, on 5222 (clients) and 5269 (servers).</summary>
    [JsonStringEnumMemberName("xmpp")] Xmpp,
}
