namespace Reach.Identification;

/// <summary>The names admins say (RDP, not ms-wbt-server), for sentences such as "port 443 answers SSH, not HTTPS".</summary>
public static class ServiceProtocolNames
{
    public static string ToDisplayName(this ServiceProtocol protocol) => protocol switch
    {
        ServiceProtocol.Ssh => "SSH",
        ServiceProtocol.Smtp => "SMTP",
        ServiceProtocol.Ftp => "FTP",
        ServiceProtocol.Pop3 => "POP3",
        ServiceProtocol.Imap => "IMAP",
        ServiceProtocol.MySql => "MySQL",
        ServiceProtocol.Vnc => "VNC",
        ServiceProtocol.Telnet => "telnet",
        ServiceProtocol.Http => "HTTP",
        ServiceProtocol.Tls => "TLS",
        ServiceProtocol.Redis => "Redis",
        ServiceProtocol.PostgreSql => "PostgreSQL",
        ServiceProtocol.Rdp => "RDP",
        ServiceProtocol.Smb => "SMB",
        ServiceProtocol.Ldap => "LDAP",
        ServiceProtocol.Xmpp => "XMPP",
        _ => "an unknown protocol",
    };
}
