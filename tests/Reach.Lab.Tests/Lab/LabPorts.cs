namespace Reach.Lab.Tests.Lab;

/// <summary>
/// What each TCP port of the lab target does, on 10.231.0.2 and fd00:5eac::2 alike.
/// The iptables rules match the port on every target address (the AnyIP ranges too).
/// </summary>
public static class LabPorts
{
    /// <summary>Listening (http): the connect gets a SYN-ACK.</summary>
    public const int Http = 80;

    /// <summary>Listening (https).</summary>
    public const int Https = 443;

    /// <summary>Listening (postgresql).</summary>
    public const int Postgres = 5432;

    /// <summary>No listener and no rule: the target answers RST (closed, conn-refused).</summary>
    public const int Closed = 8080;

    /// <summary>iptables DROP: no answer at all (filtered, no-response).</summary>
    public const int Drop = 9001;

    /// <summary>REJECT icmp-host-unreachable / icmp6-addr-unreachable (filtered, host-unreach).</summary>
    public const int HostUnreachable = 9002;

    /// <summary>REJECT icmp-admin-prohibited / icmp6-adm-prohibited (filtered, admin-prohibited).</summary>
    public const int AdminProhibited = 9003;

    /// <summary>REJECT icmp-net-unreachable / icmp6-no-route (filtered, net-unreach).</summary>
    public const int NetUnreachable = 9004;

    /// <summary>REJECT icmp-port-unreachable / icmp6-port-unreachable (filtered, port-unreach).</summary>
    public const int PortUnreachable = 9005;

    /// <summary>The ports with a listener.</summary>
    public static IReadOnlyList<int> Open { get; } = [Http, Https, Postgres];
}
