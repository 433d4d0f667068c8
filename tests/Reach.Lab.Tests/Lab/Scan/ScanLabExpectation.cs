using System.Net.Sockets;

namespace Reach.Lab.Tests.Lab.Scan;

/// <summary>
/// The ground truth for one address and port: what the target does, and what a scanner must report for it
/// (state and reason in reach's words) and what a plain connect() sees (with IP_RECVERR / IPV6_RECVERR set).
/// <paramref name="Hazard"/> says whether something on the way (the firewalled target's rate limits and loss) may
/// turn that answer into silence.
/// </summary>
public sealed record ScanLabExpectation(ScanLabVerdict Verdict, AddressFamily Family, ScanLabHazard Hazard = ScanLabHazard.None)
{
    public const string Open = "open";
    public const string Closed = "closed";
    public const string Filtered = "filtered";

    /// <summary>open, closed or filtered.</summary>
    public string State => Verdict switch
    {
        ScanLabVerdict.Listen or ScanLabVerdict.ListenThenReset => Open,
        ScanLabVerdict.NoListener or ScanLabVerdict.RejectTcpReset => Closed,
        _ => Filtered,
    };

    /// <summary>syn-ack, conn-refused, no-response, port-unreach, admin-prohibited, host-unreach or net-unreach.</summary>
    public string Reason => Verdict switch
    {
        ScanLabVerdict.Listen or ScanLabVerdict.ListenThenReset => "syn-ack",
        ScanLabVerdict.NoListener or ScanLabVerdict.RejectTcpReset => "conn-refused",
        ScanLabVerdict.Drop => "no-response",
        ScanLabVerdict.RejectPortUnreachable => "port-unreach",
        ScanLabVerdict.RejectAdminProhibited => "admin-prohibited",
        ScanLabVerdict.RejectHostUnreachable => "host-unreach",
        ScanLabVerdict.RejectNetUnreachable => "net-unreach",
        _ => throw new InvalidOperationException($"unknown verdict {Verdict}"),
    };

    /// <summary>"state/reason", as <c>ScanAssert.StatesAndReasons</c> and <c>ScanOutput.StatesAndReasons</c> spell it.</summary>
    public string Outcome => $"{State}/{Reason}";

    /// <summary>True when a correct scanner may hear nothing here (filtered/no-response) although the target answers.</summary>
    public bool MayBeSilent => Hazard != ScanLabHazard.None;

    /// <summary>
    /// What connect() returns. The errno alone cannot tell an ICMP port-unreachable from an RST, nor (IPv4)
    /// admin-prohibited from host-unreachable: a scanner reads the ICMP type from the socket's error queue.
    /// </summary>
    public SocketError ConnectError => Verdict switch
    {
        ScanLabVerdict.Listen or ScanLabVerdict.ListenThenReset => SocketError.Success,
        ScanLabVerdict.NoListener or ScanLabVerdict.RejectTcpReset or ScanLabVerdict.RejectPortUnreachable => SocketError.ConnectionRefused,
        ScanLabVerdict.Drop => SocketError.TimedOut,
        ScanLabVerdict.RejectAdminProhibited => Family == AddressFamily.InterNetworkV6 ? SocketError.AccessDenied : SocketError.HostUnreachable,
        ScanLabVerdict.RejectHostUnreachable => SocketError.HostUnreachable,
        ScanLabVerdict.RejectNetUnreachable => SocketError.NetworkUnreachable,
        _ => throw new InvalidOperationException($"unknown verdict {Verdict}"),
    };

    /// <summary>
    /// True when a plain connect() may return <paramref name="observed"/> here: <see cref="ConnectError"/>, or, for
    /// <see cref="ScanLabVerdict.ListenThenReset"/>, ECONNRESET when the reset overtook the connect completion.
    /// </summary>
    public bool AllowsConnectResult(SocketError observed) =>
        observed == ConnectError || (Verdict == ScanLabVerdict.ListenThenReset && observed == SocketError.ConnectionReset);

    /// <summary>The host answered in TCP (SYN-ACK or RST): it counts as up. Hosts of the scan tests never answer in ICMP only.</summary>
    public bool HostAnswered => State != Filtered;
}
