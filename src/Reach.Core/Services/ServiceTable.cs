using System.Collections.ObjectModel;

namespace Reach.Services;

/// <summary>
/// The static data behind <see cref="ServiceCatalog"/>: well-known and commonly used TCP services.
/// </summary>
/// <remarks>
/// <para>
/// <c>Name</c> is the service name from IANA's "Service Name and Transport Protocol Port Number Registry" for that TCP
/// port, spelled exactly as the registry spells it (including case, e.g. <c>globalcatLDAP</c>, <c>XmlIpcRegSvc</c>).
/// Where the software people actually run on a port is known by another word (kafka on 9092, elasticsearch on 9200,
/// oracle on 1521), that word is an alias. Aliases also carry PowerShell's <c>Test-NetConnection -CommonTCPPort</c>
/// words (RDP, SMB, WINRM; HTTP is the name <c>http</c> itself, matched case-insensitively).
/// </para>
/// <para>
/// Order matters in one way only: when several entries share a port, the first one listed here is the port's
/// primary name (what <see cref="ServiceCatalog.FindByPort"/> returns). Names and aliases are unique across the
/// table, ignoring case (a test checks this).
/// </para>
/// </remarks>
internal static class ServiceTable
{
    public static readonly ServiceEntry[] Entries =
    [
        // Classic Internet services.
        E(7, "echo", "Echo"),
        E(9, "discard", "Discard"),
        E(13, "daytime", "Daytime (RFC 867)"),
        E(19, "chargen", "Character Generator"),
        E(20, "ftp-data", "File Transfer [Default Data]"),
        E(21, "ftp", "File Transfer Protocol [Control]"),
        E(22, "ssh", "The Secure Shell (SSH) Protocol"),
        E(23, "telnet", "Telnet"),
        E(25, "smtp", "Simple Mail Transfer"),
        E(37, "time", "Time"),
        E(43, "nicname", "Who Is", "whois"),
        E(49, "tacacs", "Login Host Protocol (TACACS)"),
        E(53, "domain", "Domain Name Server", "dns"),
        E(70, "gopher", "Gopher"),
        E(79, "finger", "Finger"),
        E(80, "http", "World Wide Web HTTP", "www", "www-http"),
        E(88, "kerberos", "Kerberos", "krb5"),
        E(102, "iso-tsap", "ISO-TSAP Class 0 (also Siemens S7)"),
        E(110, "pop3", "Post Office Protocol - Version 3"),
        E(111, "sunrpc", "SUN Remote Procedure Call", "rpcbind", "portmapper"),
        E(113, "auth", "Authentication Service", "ident"),
        E(119, "nntp", "Network News Transfer Protocol"),
        E(123, "ntp", "Network Time Protocol"),
        E(135, "epmap", "DCE endpoint resolution (Microsoft RPC)", "msrpc"),
        E(139, "netbios-ssn", "NETBIOS Session Service"),
        E(143, "imap", "Internet Message Access Protocol"),
        E(161, "snmp", "SNMP"),
        E(162, "snmptrap", "SNMPTRAP"),
        E(179, "bgp", "Border Gateway Protocol"),
        E(194, "irc", "Internet Relay Chat Protocol"),
        E(389, "ldap", "Lightweight Directory Access Protocol"),
        E(443, "https", "http protocol over TLS/SSL"),
        E(445, "microsoft-ds", "Microsoft-DS (SMB over TCP)", "smb", "cifs"),
        E(464, "kpasswd", "Kerberos password change"),
        E(465, "submissions", "Message Submission over TLS protocol", "smtps"),
        E(502, "mbap", "Modbus Application Protocol", "modbus"),
        E(512, "exec", "remote process execution", "rexec"),
        E(513, "login", "remote login a la telnet", "rlogin"),
        E(514, "shell", "remote shell (cmd)", "rsh"),
        E(515, "printer", "spooler", "lpd"),
        E(548, "afpovertcp", "AFP over TCP", "afp"),
        E(554, "rtsp", "Real Time Streaming Protocol (RTSP)"),
        E(563, "nntps", "nntp protocol over TLS/SSL (was snntp)"),
        E(587, "submission", "Message Submission"),
        E(593, "http-rpc-epmap", "HTTP RPC Ep Map"),
        E(601, "syslog-conn", "Reliable Syslog Service"),
        E(631, "ipp", "IPP (Internet Printing Protocol)", "cups"),
        E(636, "ldaps", "ldap protocol over TLS/SSL (was sldap)"),
        E(749, "kerberos-adm", "kerberos administration"),
        E(853, "domain-s", "DNS query-response protocol run over TLS", "dns-over-tls"),
        E(860, "iscsi", "iSCSI"),
        E(873, "rsync", "rsync"),
        E(989, "ftps-data", "ftp protocol, data, over TLS/SSL"),
        E(990, "ftps", "ftp protocol, control, over TLS/SSL"),
        E(992, "telnets", "telnet protocol over TLS/SSL"),
        E(993, "imaps", "IMAP over TLS protocol"),
        E(995, "pop3s", "POP3 over TLS protocol"),

        // Registered ports.
        E(1080, "socks", "SOCKS proxy"),
        E(1099, "rmiregistry", "Java RMI Registry"),
        E(1194, "openvpn", "OpenVPN"),
        E(1344, "icap", "Internet Content Adaptation Protocol"),
        E(1414, "ibm-mqseries", "IBM MQSeries"),
        E(1433, "ms-sql-s", "Microsoft-SQL-Server", "mssql", "sqlserver"),
        E(1521, "ncube-lm", "nCube License Manager; the Oracle database listener's default port", "oracle"),
        E(1723, "pptp", "Point-to-point tunnelling protocol"),
        E(1883, "mqtt", "Message Queuing Telemetry Transport Protocol"),
        E(1935, "macromedia-fcs", "Macromedia Flash Communications Server MX (RTMP)", "rtmp"),
        E(2000, "cisco-sccp", "Cisco SCCP", "sccp"),
        E(2049, "nfs", "Network File System"),
        E(2083, "radsec", "Secure RADIUS Service (RADIUS over TLS)"),
        E(2181, "eforward", "eforward; ZooKeeper's client port by convention", "zookeeper"),
        E(2375, "docker", "Docker REST API (plain)"),
        E(2376, "docker-s", "Docker REST API (ssl)"),
        E(2377, "swarm", "RPC interface for Docker Swarm"),
        E(2379, "etcd-client", "etcd client communication", "etcd"),
        E(2380, "etcd-server", "etcd server to server communication"),
        E(2404, "iec-104", "IEC 60870-5-104 process control over IP"),
        E(2483, "ttc", "Oracle TTC"),
        E(2484, "ttc-ssl", "Oracle TTC SSL"),
        E(3050, "gds-db", "InterBase / Firebird database", "firebird"),
        E(3128, "ndl-aas", "Active API Server Port; Squid's default proxy port", "squid"),
        E(3260, "iscsi-target", "iSCSI port"),
        E(3268, "globalcatLDAP", "Global Catalog LDAP"),
        E(3269, "globalcatLDAPssl", "Global Catalog LDAP over ssl"),
        E(3306, "mysql", "MySQL", "mariadb"),
        E(3389, "ms-wbt-server", "MS WBT Server (Remote Desktop)", "rdp"),
        E(3478, "stun", "Session Traversal Utilities for NAT (STUN) port"),
        E(3478, "turn", "TURN over TCP"),
        E(3690, "svn", "Subversion", "subversion"),
        E(4369, "epmd", "Erlang Port Mapper Daemon"),
        E(4840, "opcua-tcp", "OPC UA Connection Protocol", "opcua"),
        E(5060, "sip", "SIP"),
        E(5061, "sips", "SIP-TLS"),
        E(5222, "xmpp-client", "XMPP Client Connection", "jabber"),
        E(5269, "xmpp-server", "XMPP Server Connection"),
        E(5349, "stuns", "STUN over TLS"),
        E(5349, "turns", "TURN over TLS"),
        E(5432, "postgresql", "PostgreSQL Database", "postgres"),
        E(5666, "nrpe", "Nagios Remote Plugin Executor"),
        E(5671, "amqps", "amqp protocol over TLS/SSL"),
        E(5672, "amqp", "AMQP", "rabbitmq"),
        E(5900, "rfb", "Remote Framebuffer (VNC)", "vnc"),
        E(5984, "couchdb", "CouchDB"),
        E(5985, "wsman", "WBEM WS-Management HTTP (WinRM)", "winrm"),
        E(5986, "wsmans", "WBEM WS-Management HTTP over TLS/SSL (WinRM over HTTPS)"),
        E(6000, "x11", "X Window System"),
        E(6379, "redis", "An advanced key-value cache and store"),
        E(6432, "pgbouncer", "pgbouncer"),
        E(6443, "sun-sr-https", "Service Registry Default HTTPS Domain; the Kubernetes API server's default port", "kube-apiserver", "kubernetes"),
        E(6514, "syslog-tls", "Syslog over TLS"),
        E(6697, "ircs-u", "Internet Relay Chat via TLS/SSL"),
        E(7474, "neo4j", "Neo4j Graph Database"),
        E(8080, "http-alt", "HTTP Alternate (see port 80)"),
        E(8140, "puppet", "The Puppet master service"),
        E(8443, "pcsync-https", "PCsync HTTPS; a common alternate HTTPS port", "https-alt"),
        E(8883, "secure-mqtt", "Secure MQTT", "mqtts"),
        E(9090, "websm", "WebSM; Prometheus's default port", "prometheus"),
        E(9092, "XmlIpcRegSvc", "Xml-Ipc Server Reg; Apache Kafka's default broker port", "kafka"),
        E(9100, "pdl-datastream", "Printer PDL Data Stream", "jetdirect"),
        E(9200, "wap-wsp", "WAP connectionless session service; Elasticsearch's default HTTP port", "elasticsearch"),
        E(9389, "adws", "Active Directory Web Services"),
        E(9418, "git", "git pack transfer service"),
        E(10000, "ndmp", "Network Data Management Protocol"),
        E(10050, "zabbix-agent", "Zabbix Agent"),
        E(10051, "zabbix-trapper", "Zabbix Trapper"),
        E(11211, "memcache", "Memory cache service", "memcached"),
        E(11371, "pksd", "PKS / HKP OpenPGP key server", "hkp"),
        E(20000, "dnp", "DNP (DNP3)", "dnp3"),
        E(20048, "mountd", "NFS mount protocol"),
        E(27017, "mongodb", "Mongo database system", "mongo"),
        E(44818, "EtherNet-IP-2", "EtherNet/IP messaging", "enip"),
    ];

    private static ServiceEntry E(int port, string name, string description, params string[] aliases) =>
        new(name, port, description, aliases.Length == 0 ? ReadOnlyCollection<string>.Empty : Array.AsReadOnly(aliases));
}
