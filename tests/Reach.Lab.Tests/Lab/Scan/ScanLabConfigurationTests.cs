using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Reach.Lab.Tests.Lab.Scan;

/// <summary>The scan lab's configuration and ground truth make sense, and the benchmark's shell lab matches them. No lab needed.</summary>
public sealed partial class ScanLabConfigurationTests
{
    [Fact]
    public void Ports_AreDisjointAndCoverTheInterestingPlaces()
    {
        IReadOnlyList<int>[] groups =
        [
            ScanLabPorts.Wildcard, ScanLabPorts.Host, ScanLabPorts.ResetAfterAccept, ScanLabPorts.Drop, ScanLabPorts.PortUnreachable,
            ScanLabPorts.AdminProhibited, ScanLabPorts.HostUnreachable, ScanLabPorts.NetUnreachable, ScanLabPorts.TcpReset,
        ];
        var all = groups.SelectMany(g => g).ToList();

        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.All(all, port => Assert.InRange(port, 1, 65535));
        Assert.Superset(new HashSet<int> { 1, 22, 80, 443, 1023, 1024, 8080, 32768, 40000, 49152, 60999, 65535 }, new HashSet<int>(ScanLabPorts.Open));
        Assert.True(ScanLabPorts.Open.Count >= 25, $"{ScanLabPorts.Open.Count} open ports");
        Assert.Equal(10, ScanLabPorts.Drop.Count);
    }

    [Theory]
    [InlineData(AddressFamily.InterNetwork)]
    [InlineData(AddressFamily.InterNetworkV6)]
    public void PortRichHost_GroundTruth_IsTheListenersAndTheRules(AddressFamily family)
    {
        var truth = ScanGroundTruth.PortRichHost(family);
        var host = IPAddress.Parse(ScanLabNetwork.Host(family));
        int[] icmp = [.. ScanLabPorts.PortUnreachable, .. ScanLabPorts.AdminProhibited, .. ScanLabPorts.HostUnreachable, .. ScanLabPorts.NetUnreachable];

        Assert.Equal(65535, truth.Count);
        Assert.Equal(ScanLabPorts.Open.Order(), truth.Open.Select(e => e.Port).Order());
        Assert.Equal(ScanLabPorts.Drop.Concat(icmp).Order(), truth.Filtered.Select(e => e.Port).Order());
        Assert.Equal(65535 - ScanLabPorts.Open.Count - ScanLabPorts.Drop.Count - icmp.Length, truth.Closed.Count);
        Assert.All(truth.Expected.Keys, e => Assert.Equal(host, e.Address));
        Assert.Equal([host], truth.HostsUp);
        Assert.Equal("closed/conn-refused", Outcome(truth, host, ScanLabPorts.TcpReset[0]));
        Assert.Equal("filtered/port-unreach", Outcome(truth, host, ScanLabPorts.PortUnreachable[0]));
        Assert.Equal("filtered/admin-prohibited", Outcome(truth, host, ScanLabPorts.AdminProhibited[0]));
        Assert.Equal("filtered/no-response", Outcome(truth, host, ScanLabPorts.Drop[0]));
        Assert.Equal("open/syn-ack", Outcome(truth, host, 65535));
        Assert.Equal("open/syn-ack", Outcome(truth, host, ScanLabPorts.ResetAfterAccept[0]));
        Assert.Equal(ScanLabVerdict.ListenThenReset, truth.Expected[new ScanEndPoint(host, ScanLabPorts.ResetAfterAccept[0])].Verdict);
    }

    [Fact]
    public void AnyIpSweep_GroundTruth_IsTheRangeMinusItsBlocks()
    {
        var truth = ScanGroundTruth.AnyIpSweep(AddressFamily.InterNetwork, 443);

        Assert.Equal(65536, truth.Count);
        Assert.Equal(65536 - 256 - 1024 - 256, truth.Open.Count);
        Assert.Equal(256 + 1024, truth.Filtered.Count);
        Assert.Equal(256, truth.Closed.Count);
        Assert.All(truth.Closed, e => Assert.Equal(9, e.Address.GetAddressBytes()[2]));
        Assert.Equal(65536 - 1280, truth.HostsUp.Count);
        Assert.Equal(1280, truth.HostsDown.Count);
        Assert.Contains(new ScanEndPoint(IPAddress.Parse("10.233.0.0"), 443), truth.Open);
        Assert.Contains(new ScanEndPoint(IPAddress.Parse("10.233.203.255"), 443), truth.Filtered);
        Assert.Contains(new ScanEndPoint(IPAddress.Parse("10.233.204.0"), 443), truth.Open);
        Assert.Equal("closed/conn-refused", Outcome(ScanGroundTruth.For(["10.233.1.1"], [80]), IPAddress.Parse("10.233.1.1"), 80));
    }

    [Fact]
    public void AnyIpSweep_V6_GroundTruth_IsTheRangeMinusItsBlocks()
    {
        var truth = ScanGroundTruth.AnyIpSweep(AddressFamily.InterNetworkV6, 443);

        Assert.Equal(256, truth.Count);
        Assert.Equal(256 - 16 - 16, truth.Open.Count);
        Assert.Equal(16, truth.Filtered.Count);
        Assert.Equal(16, truth.Closed.Count);
    }

    [Fact]
    public void Layout_KnowsOnlyItsOwnAddresses()
    {
        var layout = ScanLabLayout.Default;

        Assert.Throws<ArgumentException>(() => layout.Expect(IPAddress.Parse(ScanLabNetwork.ClientV4), 80));
        Assert.Throws<ArgumentException>(() => layout.Expect(IPAddress.Parse(LabNetwork.TargetV4), 80));
        Assert.False(layout.IsLocal(IPAddress.Parse(LabNetwork.NoRouteV4)));
        Assert.True(layout.IsLocal(IPAddress.Parse("10.234.0.255")));
    }

    [Fact]
    public void IpRanges_EnumerateV4AndV6InOrder()
    {
        Assert.Equal(
            ["10.0.0.254", "10.0.0.255", "10.0.1.0"],
            IpRanges.Range(IPAddress.Parse("10.0.0.254"), IPAddress.Parse("10.0.1.0")).Select(a => a.ToString()));
        Assert.Equal(
            ["fd00::fe", "fd00::ff"],
            IpRanges.Addresses("fd00::fe/127").Select(a => a.ToString()));
        Assert.Equal(16_777_216, IpRanges.Addresses("10.0.0.0/8").LongCount());
    }

    [Fact]
    public void BenchShellLab_MatchesTheCSharpLab()
    {
        var script = FindRepoFile("bench/scan-lab/lab.sh");
        Assert.SkipWhen(script is null, "bench/scan-lab/lab.sh is not beside the test output (not a repository checkout)");
        var settings = ShellSetting().Matches(File.ReadAllText(script!))
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value.Trim('"'));

        Assert.Equal(ScanLabPorts.Wildcard, Ports("WILDCARD_PORTS"));
        Assert.Equal(ScanLabPorts.Host, Ports("HOST_PORTS"));
        Assert.Equal(ScanLabPorts.ResetAfterAccept, Ports("RESET_AFTER_ACCEPT_PORTS"));
        Assert.Equal(ScanLabPorts.Drop, Ports("DROP_PORTS"));
        Assert.Equal(ScanLabPorts.PortUnreachable, Ports("PORT_UNREACH_PORTS"));
        Assert.Equal(ScanLabPorts.AdminProhibited, Ports("ADMIN_PROHIBITED_PORTS"));
        Assert.Equal(ScanLabPorts.HostUnreachable, Ports("HOST_UNREACH_PORTS"));
        Assert.Equal(ScanLabPorts.NetUnreachable, Ports("NET_UNREACH_PORTS"));
        Assert.Equal(ScanLabPorts.TcpReset, Ports("TCP_RESET_PORTS"));
        Assert.Equal(ScanLabNetwork.ClientV4, settings["CLIENT_V4"]);
        Assert.Equal(ScanLabNetwork.HostV4, settings["HOST_V4"]);
        Assert.Equal(ScanLabNetwork.ClientV6, settings["CLIENT_V6"]);
        Assert.Equal(ScanLabNetwork.HostV6, settings["HOST_V6"]);
        Assert.Equal(ScanLabNetwork.AnyIpV4, settings["ANYIP_V4"]);
        Assert.Equal(string.Join(' ', ScanLabNetwork.AnyIpV4DropBlocks), settings["ANYIP_V4_DROP"]);
        Assert.Equal(ScanLabNetwork.AnyIpV4ResetBlock, settings["ANYIP_V4_RESET"]);
        Assert.Equal(ScanLabNetwork.AnyIpV6, settings["ANYIP_V6"]);
        Assert.Equal(ScanLabNetwork.AnyIpV6DropBlock, settings["ANYIP_V6_DROP"]);
        Assert.Equal(ScanLabNetwork.AnyIpV6ResetBlock, settings["ANYIP_V6_RESET"]);
        Assert.Equal(ScanLabNetwork.DeadV4, settings["DEAD_V4"]);
        Assert.Equal(ScanLabNetwork.DeadV6, settings["DEAD_V6"]);

        int[] Ports(string name) => [.. settings[name].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse)];
    }

    /// <summary>A file of the repository, found by walking up from the test output folder to Reach.sln.</summary>
    internal static string? FindRepoFile(string relativePath)
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Reach.sln")))
            {
                var path = Path.Combine(folder.FullName, relativePath);
                return File.Exists(path) ? path : null;
            }
        }

        return null;
    }

    private static string Outcome(ScanGroundTruth truth, IPAddress address, int port)
    {
        var e = truth.Expected[new ScanEndPoint(address, port)];
        return $"{e.State}/{e.Reason}";
    }

    [GeneratedRegex(@"^SCANLAB_([A-Z0-9_]+)=(""[^""\n]*""|[^\s]*)\s*$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex ShellSetting();
}
