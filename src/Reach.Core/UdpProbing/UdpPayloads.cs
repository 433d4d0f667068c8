namespace Reach.UdpProbing;

/// <summary>
/// Every UDP probe reach has, and which one a port gets by default (53 → DNS, 123 → NTP, …). Syslog and WireGuard have
/// none: nothing answers a syslog message, and WireGuard answers only a handshake signed with a known key, so those
/// ports can only be closed or open|filtered.
/// </summary>
public static class UdpPayloads
{
    public static IReadOnlyList<IUdpPayload> All { get; } =
    [
        new DnsPayload(), new NtpPayload(), new SnmpPayload(), new CldapPayload(), new KerberosPayload(), new NetbiosNsPayload(),
        new SsdpPayload(), new MdnsPayload(), new StunPayload(), new QuicPayload(), new IkePayload(), new OpenVpnPayload(),
        new MemcachedPayload(), new TftpPayload(),
    ];

    /// <summary>The probe a port gets by default; null for a port no probe is known for.</summary>
    public static IUdpPayload? ForPort(int port) => All.FirstOrDefault(p => p.Ports.Contains(port));

    /// <summary>The probe of a protocol; null for syslog and WireGuard, which have none.</summary>
    public static IUdpPayload? For(UdpProtocol protocol) => All.FirstOrDefault(p => p.Protocol == protocol);
}
