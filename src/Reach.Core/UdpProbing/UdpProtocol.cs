using System.Text.Json.Serialization;

namespace Reach.UdpProbing;

/// <summary>
/// The UDP services reach has a probe for, each named as nmap's services file names it (the word is the JSON and
/// text form). A probe is a documented, harmless request that makes a real server answer: an empty datagram proves
/// nothing, most services ignore it.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<UdpProtocol>))]
public enum UdpProtocol
{
    /// <summary>DNS (53): a query for the root's NS records, which resolvers and authoritative servers answer (if only REFUSED).</summary>
    [JsonStringEnumMemberName("domain")] Dns,

    /// <summary>NTP (123): an RFC 5905 client request (mode 3); the answer gives stratum, reference and offset.</summary>
    [JsonStringEnumMemberName("ntp")] Ntp,

    /// <summary>SNMP (161): a v2c get of sysDescr.0 with a community (<c>public</c> by default).</summary>
    [JsonStringEnumMemberName("snmp")] Snmp,

    /// <summary>CLDAP (389): an LDAP rootDSE search over UDP, as Active Directory's DC locator ping (RFC 1798, MS-ADTS).</summary>
    [JsonStringEnumMemberName("ldap")] Cldap,

    /// <summary>Kerberos (88, 464): an AS-REQ for a principal that draws a KRB-ERROR (RFC 4120): a KDC answers.</summary>
    [JsonStringEnumMemberName("kerberos-sec")] Kerberos,

    /// <summary>NetBIOS name service (137): a node status request for <c>*</c> (RFC 1002).</summary>
    [JsonStringEnumMemberName("netbios-ns")] NetbiosNs,

    /// <summary>SSDP (1900): an M-SEARCH for <c>ssdp:all</c>, sent unicast.</summary>
    [JsonStringEnumMemberName("upnp")] Ssdp,

    /// <summary>mDNS (5353): a unicast-response query for the DNS-SD services list (RFC 6762, 6763).</summary>
    [JsonStringEnumMemberName("zeroconf")] Mdns,

    /// <summary>STUN (3478): a binding request (RFC 8489); the answer carries the mapped address.</summary>
    [JsonStringEnumMemberName("stun")] Stun,

    /// <summary>QUIC (443): an Initial with a version no server speaks, drawing a Version Negotiation (RFC 9000 §6).</summary>
    [JsonStringEnumMemberName("quic")] Quic,

    /// <summary>IKEv2 (500, 4500): an IKE_SA_INIT request (RFC 7296); a responder answers with its own or a notify.</summary>
    [JsonStringEnumMemberName("isakmp")] Ike,

    /// <summary>OpenVPN (1194): a P_CONTROL_HARD_RESET_CLIENT_V2; a server without tls-auth answers with its reset.</summary>
    [JsonStringEnumMemberName("openvpn")] OpenVpn,

    /// <summary>memcached (11211): the <c>version</c> command in the UDP frame.</summary>
    [JsonStringEnumMemberName("memcache")] Memcached,

    /// <summary>TFTP (69): a read request of a file that does not exist, drawing an ERROR packet (RFC 1350).</summary>
    [JsonStringEnumMemberName("tftp")] Tftp,

    /// <summary>Syslog (514): nothing answers a syslog message; the port can only be closed or open|filtered.</summary>
    [JsonStringEnumMemberName("syslog")] Syslog,

    /// <summary>WireGuard (51820): it answers only a handshake signed with a known key, so never a probe.</summary>
    [JsonStringEnumMemberName("wireguard")] WireGuard,
}
