using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Reach.Lab.Tests.Lab.Scan;

/// <summary>
/// One rule of the firewalled target: in <paramref name="Chain"/> (INPUT: packets to <paramref name="Address"/>;
/// OUTPUT: packets from it), TCP to <paramref name="Port"/> (or every port when null) gets <paramref name="Action"/>.
/// The lab loads the rules in order with iptables-restore and the ground truth applies them as iptables does: the
/// first ACCEPT, DROP or REJECT that matches decides; a rate limiter or a random drop on the way is a hazard.
/// </summary>
public sealed record FirewallLabRule(string Chain, IPNetwork Address, FirewallLabAction Action, int? Port = null)
{
    public const string Input = "INPUT";
    public const string Output = "OUTPUT";

    public AddressFamily Family => Address.BaseAddress.AddressFamily;

    /// <summary>True for ACCEPT, DROP and REJECT: a match ends the chain whatever the packet.</summary>
    public bool Decides => Action is FirewallLabAction.Accept or FirewallLabAction.Drop or FirewallLabAction.RejectAdminProhibited;

    /// <summary>True when the rule sees the traffic of <paramref name="address"/>:<paramref name="port"/> (either way, per its chain).</summary>
    public bool Applies(IPAddress address, int port) => Address.Contains(address) && (Port is null || Port == port);

    /// <summary>
    /// The rule as an iptables-restore line, exactly as bench/scan-lab/lab.sh's <c>scanlab_fw_rules</c> prints it (a
    /// single address without its /32 or /128, IPv6 in canonical form).
    /// </summary>
    public string Line()
    {
        var single = Address.PrefixLength == (Family == AddressFamily.InterNetworkV6 ? 128 : 32);
        var address = single ? Address.BaseAddress.ToString() : Address.ToString();
        var direction = Chain == Output ? "-s" : "-d";
        var port = Port is { } p ? $" --dport {p.ToString(CultureInfo.InvariantCulture)}" : string.Empty;
        var match = Action switch
        {
            FirewallLabAction.Accept => $"-p tcp{port} -j ACCEPT",
            FirewallLabAction.Drop => $"-p tcp{port} -j DROP",
            FirewallLabAction.RejectAdminProhibited =>
                $"-p tcp{port} -j REJECT --reject-with {(Family == AddressFamily.InterNetworkV6 ? "icmp6-adm-prohibited" : "icmp-admin-prohibited")}",
            FirewallLabAction.DropSynsAboveRate => string.Create(
                CultureInfo.InvariantCulture,
                $"-p tcp --syn -m hashlimit --hashlimit-name {FirewallLabNetwork.LimiterName(Family)} --hashlimit-mode srcip "
                + $"--hashlimit-above {FirewallLabNetwork.LimitRate}/sec --hashlimit-burst {FirewallLabNetwork.LimitBurst} -j DROP"),
            FirewallLabAction.DropAtRandom => string.Create(
                CultureInfo.InvariantCulture,
                $"-m statistic --mode random --probability {FirewallLabNetwork.Loss} -j DROP"),
            _ => throw new InvalidOperationException($"unknown action {Action}"),
        };
        return $"-A {Chain} {direction} {address} {match}";
    }
}
