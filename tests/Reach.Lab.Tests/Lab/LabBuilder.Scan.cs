using System.Globalization;
using System.Net.Sockets;
using Reach.Lab.Tests.Lab.Scan;

namespace Reach.Lab.Tests.Lab;

/// <summary>
/// The scan target: a third namespace on its own veth link from the client (<c>veth-cs</c> ↔ <c>veth-s</c>), holding
/// the port-rich host, the AnyIP and dead ranges of <see cref="ScanLabLayout"/>, its firewall rules, and queues sized
/// for a fast scan.
/// </summary>
internal sealed partial class LabBuilder
{
    /// <summary>net.core.somaxconn of the scan target, and the backlog its listeners ask for.</summary>
    public const int ScanAcceptBacklog = 65535;

    /// <summary>net.ipv4.tcp_max_syn_backlog of the scan target.</summary>
    public const int ScanSynBacklog = 65536;

    private const string ScanClientLink = "veth-cs";
    private const string ScanLink = "veth-s";

    public async Task CreateScanTargetAsync(string client, string scan, ScanLabLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        await ip.AddNamespaceAsync(scan);
        await ip.AddVethAsync(client, ScanClientLink, scan, ScanLink);
        await ip.AddAddressesAsync(client, ScanClientLink, ScanLabNetwork.ClientV4, ScanLabNetwork.ClientV6);
        await ip.AddAddressesAsync(scan, ScanLink, ScanLabNetwork.HostV4, ScanLabNetwork.HostV6);

        foreach (var range in layout.RoutedRanges)
        {
            var v6 = range.BaseAddress.AddressFamily == AddressFamily.InterNetworkV6;
            var family = v6 ? "-6" : "-4";
            var via = v6 ? ScanLabNetwork.HostV6 : ScanLabNetwork.HostV4;
            await ip.RunAsync("-n", scan, family, "route", "add", "local", range.ToString(), "dev", "lo");
            await ip.RunAsync("-n", client, family, "route", "add", range.ToString(), "via", via);
        }

        SizeScanQueues(scan);
        IcmpRateLimits.DisableIn(scan);
        foreach (var rule in layout.Rules)
        {
            var tool = rule.Family == AddressFamily.InterNetworkV6 ? ip6tables : iptables;
            await ip.ExecAsync(scan, tool, ["-w", "10", "-A", "INPUT", .. rule.IptablesArguments()]);
        }
    }

    /// <summary>
    /// A scan completes thousands of handshakes a second on one listener. When its accept queue (or the SYN queue) is
    /// full the kernel drops the SYN, and the port looks filtered: a lab artefact, not a scanner bug. Both queues are
    /// sized past anything a test sends before the listener catches up. Set before the listeners call listen().
    /// </summary>
    private static void SizeScanQueues(string scan) =>
        NetworkNamespace.Run(scan, () =>
        {
            File.WriteAllText("/proc/sys/net/core/somaxconn", ScanAcceptBacklog.ToString(CultureInfo.InvariantCulture) + "\n");
            File.WriteAllText("/proc/sys/net/ipv4/tcp_max_syn_backlog", ScanSynBacklog.ToString(CultureInfo.InvariantCulture) + "\n");
            return true;
        });
}
