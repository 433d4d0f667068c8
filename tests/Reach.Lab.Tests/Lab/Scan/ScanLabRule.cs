using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Reach.Lab.Tests.Lab.Scan;

/// <summary>
/// One firewall rule of the scan target's INPUT chain: packets to <paramref name="Destination"/> (TCP to
/// <paramref name="Port"/>, or all TCP when null; every protocol when <paramref name="AllProtocols"/>) get
/// <paramref name="Verdict"/>. The lab appends the rules in order, and the ground truth applies the first match, as
/// iptables does.
/// </summary>
public sealed record ScanLabRule(IPNetwork Destination, ScanLabVerdict Verdict, int? Port = null, bool AllProtocols = false)
{
    public AddressFamily Family => Destination.BaseAddress.AddressFamily;

    /// <summary>iptables or ip6tables.</summary>
    public string Tool => Family == AddressFamily.InterNetworkV6 ? "ip6tables" : "iptables";

    public bool Matches(IPAddress address, int port) =>
        Destination.Contains(address) && (Port is null || Port == port);

    /// <summary>The rule as arguments after <c>-A INPUT</c>.</summary>
    public IReadOnlyList<string> IptablesArguments()
    {
        var arguments = new List<string> { "-d", Destination.ToString() };
        if (!AllProtocols || Port is not null)
        {
            arguments.AddRange(["-p", "tcp"]);
        }

        if (Port is { } port)
        {
            arguments.AddRange(["--dport", port.ToString(CultureInfo.InvariantCulture)]);
        }

        arguments.AddRange(Verdict == ScanLabVerdict.Drop
            ? ["-j", "DROP"]
            : ["-j", "REJECT", "--reject-with", RejectWith()]);
        return arguments;
    }

    private string RejectWith()
    {
        var v6 = Family == AddressFamily.InterNetworkV6;
        return Verdict switch
        {
            ScanLabVerdict.RejectTcpReset => "tcp-reset",
            ScanLabVerdict.RejectPortUnreachable => v6 ? "icmp6-port-unreachable" : "icmp-port-unreachable",
            ScanLabVerdict.RejectAdminProhibited => v6 ? "icmp6-adm-prohibited" : "icmp-admin-prohibited",
            ScanLabVerdict.RejectHostUnreachable => v6 ? "icmp6-addr-unreachable" : "icmp-host-unreachable",
            ScanLabVerdict.RejectNetUnreachable => v6 ? "icmp6-no-route" : "icmp-net-unreachable",
            _ => throw new InvalidOperationException($"{Verdict} is not a REJECT"),
        };
    }
}
