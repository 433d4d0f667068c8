namespace Reach.Lab.Tests.Lab.Scan;

/// <summary>What the scan target does with a TCP SYN to one address and port.</summary>
public enum ScanLabVerdict
{
    /// <summary>A listener takes it: SYN-ACK.</summary>
    Listen,

    /// <summary>A listener takes it (SYN-ACK), accepts and resets the connection at once.</summary>
    ListenThenReset,

    /// <summary>No listener, no rule: the kernel answers RST.</summary>
    NoListener,

    /// <summary>iptables DROP: nothing comes back.</summary>
    Drop,

    /// <summary>REJECT --reject-with tcp-reset: an RST from the firewall.</summary>
    RejectTcpReset,

    /// <summary>REJECT icmp-port-unreachable / icmp6-port-unreachable.</summary>
    RejectPortUnreachable,

    /// <summary>REJECT icmp-admin-prohibited / icmp6-adm-prohibited.</summary>
    RejectAdminProhibited,

    /// <summary>REJECT icmp-host-unreachable / icmp6-addr-unreachable.</summary>
    RejectHostUnreachable,

    /// <summary>REJECT icmp-net-unreachable / icmp6-no-route.</summary>
    RejectNetUnreachable,
}
