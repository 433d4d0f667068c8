using System.Globalization;
using System.Net.Sockets;
using Reach.Lab.Tests.Lab.Scan;

namespace Reach.Lab.Tests.Lab;

/// <summary>
/// The firewalled target (issue 12): a fourth namespace on its own veth link from the client (<c>veth-cf</c> ↔
/// <c>veth-f</c>) with the hosts, the AnyIP range and the firewall rules of <see cref="FirewallLabLayout"/>. Queues are
/// sized as the scan target's; the ICMP error rate limits are left at the kernel's defaults, on purpose.
/// </summary>
internal sealed partial class LabBuilder
{
    private const string FirewallClientLink = "veth-cf";
    private const string FirewallLink = "veth-f";

    /// <summary>The firewalled target's namespace.</summary>
    public static string FirewallName(int pid) => $"{NamePrefix}{pid.ToString(CultureInfo.InvariantCulture)}-f";

    /// <param name="client">The client namespace (already built).</param>
    /// <param name="firewall">The namespace to create.</param>
    /// <param name="layout">Addresses, ranges, rules and listeners.</param>
    /// <param name="restore">iptables-restore and ip6tables-restore: hundreds of rules load in one call per family.</param>
    public async Task CreateFirewallTargetAsync(string client, string firewall, FirewallLabLayout layout, (string V4, string V6) restore)
    {
        ArgumentNullException.ThrowIfNull(layout);
        await ip.AddNamespaceAsync(firewall);
        await ip.AddVethAsync(client, FirewallClientLink, firewall, FirewallLink);
        await ip.AddAddressesAsync(client, FirewallClientLink, FirewallLabNetwork.ClientV4, FirewallLabNetwork.ClientV6);
        foreach (var address in layout.HostAddresses)
        {
            string[] add = address.AddressFamily == AddressFamily.InterNetworkV6
                ? ["-6", "addr", "add", $"{address}/64", "dev", FirewallLink, "nodad"]
                : ["addr", "add", $"{address}/24", "dev", FirewallLink];
            await ip.RunAsync(["-n", firewall, .. add]);
        }

        await ip.RunAsync("-n", firewall, "link", "set", FirewallLink, "up");

        foreach (var range in layout.RoutedRanges)
        {
            var family = range.BaseAddress.AddressFamily;
            var flag = family == AddressFamily.InterNetworkV6 ? "-6" : "-4";
            await ip.RunAsync("-n", firewall, flag, "route", "add", "local", range.ToString(), "dev", "lo");
            await ip.RunAsync("-n", client, flag, "route", "add", range.ToString(), "via", FirewallLabNetwork.Deny(family));
        }

        SizeScanQueues(firewall);
        // No IcmpRateLimits.DisableIn here: REJECT answers at the kernel's default rate limits are one of the hard cases.
        foreach (var (family, tool) in new[] { (AddressFamily.InterNetwork, restore.V4), (AddressFamily.InterNetworkV6, restore.V6) })
        {
            var script = Path.Combine(Path.GetTempPath(), $"reach-lab-{firewall}-{(family == AddressFamily.InterNetworkV6 ? 6 : 4)}.rules");
            await File.WriteAllTextAsync(script, layout.RestoreScript(family));
            try
            {
                await ip.ExecAsync(firewall, tool, "--noflush", script);
            }
            finally
            {
                File.Delete(script);
            }
        }
    }
}
