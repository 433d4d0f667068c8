using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Reach.Scanning;

namespace Reach.Lab.Tests.Lab.Scan;

/// <summary>
/// The firewalled target's configuration and ground truth make sense, and the benchmark's shell lab builds the same
/// target (same settings, same rules line for line). No lab needed.
/// </summary>
public sealed partial class FirewallLabConfigurationTests
{
    private static readonly FirewallLabLayout Layout = FirewallLabLayout.Default;

    [Theory]
    [InlineData(AddressFamily.InterNetwork)]
    [InlineData(AddressFamily.InterNetworkV6)]
    public void DenyHost_Top1000_OpensTheOpenPortsAndIsSilentElsewhere(AddressFamily family)
    {
        var host = IPAddress.Parse(FirewallLabNetwork.Deny(family));
        var truth = ScanGroundTruth.Firewalled([host.ToString()], TopPorts1000());

        Assert.Equal(1000, truth.Count);
        Assert.Equal(FirewallLabNetwork.OpenPorts, truth.Open.Select(e => e.Port).Order());
        Assert.Empty(truth.Closed);
        Assert.Equal(997, truth.Filtered.Count);
        Assert.All(truth.Filtered, e => Assert.Equal("filtered/no-response", truth.Expected[e].Outcome));
        Assert.All(truth.Expected.Values, e => Assert.False(e.MayBeSilent, e.ToString()));
        Assert.Equal([host], truth.HostsUp);
        // 3389 and 8080 have listeners behind the DROP: the firewall wins.
        Assert.Equal(ScanLabVerdict.Drop, Layout.Expect(host, 3389).Verdict);
        Assert.Equal(ScanLabVerdict.Drop, Layout.Expect(host, 65535).Verdict);
    }

    [Theory]
    [InlineData(AddressFamily.InterNetwork)]
    [InlineData(AddressFamily.InterNetworkV6)]
    public void RejectHost_RejectsEveryOtherPort_AtTheKernelsIcmpRateLimits(AddressFamily family)
    {
        var host = IPAddress.Parse(FirewallLabNetwork.Reject(family));
        var truth = ScanGroundTruth.Firewalled([host.ToString()], ScanGroundTruth.AllPorts);

        Assert.Equal(FirewallLabNetwork.OpenPorts, truth.Open.Select(e => e.Port).Order());
        Assert.Empty(truth.Closed);
        Assert.All(truth.Filtered, e =>
        {
            var expected = truth.Expected[e];
            Assert.Equal(ScanLabVerdict.RejectAdminProhibited, expected.Verdict);
            Assert.Equal("filtered/admin-prohibited", expected.Outcome);
            Assert.Equal(ScanLabHazard.IcmpRateLimit, expected.Hazard);
        });
        Assert.Equal(family == AddressFamily.InterNetworkV6 ? SocketError.AccessDenied : SocketError.HostUnreachable, Layout.Expect(host, 23).ConnectError);
    }

    [Theory]
    [InlineData(AddressFamily.InterNetwork)]
    [InlineData(AddressFamily.InterNetworkV6)]
    public void LimitedAndLossyHosts_OpenEveryListener_CloseTheRest_WithTheirHazard(AddressFamily family)
    {
        foreach (var (address, hazard) in new[] { (FirewallLabNetwork.Limited(family), ScanLabHazard.SynRateLimit), (FirewallLabNetwork.Lossy(family), ScanLabHazard.Loss) })
        {
            var truth = ScanGroundTruth.Firewalled([address], ScanGroundTruth.AllPorts);

            Assert.Equal(FirewallLabNetwork.ListenPorts, truth.Open.Select(e => e.Port).Order());
            Assert.Equal(65535 - FirewallLabNetwork.ListenPorts.Count, truth.Closed.Count);
            Assert.Empty(truth.Filtered);
            Assert.All(truth.Expected.Values, e => Assert.Equal(hazard, e.Hazard));
            Assert.Equal("closed/conn-refused", truth.Expected[new ScanEndPoint(IPAddress.Parse(address), 23)].Outcome);
        }
    }

    [Theory]
    [InlineData(AddressFamily.InterNetwork)]
    [InlineData(AddressFamily.InterNetworkV6)]
    public void Deny24_OpenPortsFollowTheLastByte_DarkHostsAreDown(AddressFamily family)
    {
        var range = FirewallLabNetwork.Deny24(family);
        var truth = ScanGroundTruth.Firewalled([range], FirewallLabNetwork.ListenPorts.Append(23));
        var addresses = IpRanges.Addresses(range).ToList();

        Assert.Equal(256, addresses.Count);
        Assert.Empty(truth.Closed);
        Assert.All(truth.Filtered, e => Assert.Equal("filtered/no-response", truth.Expected[e].Outcome));
        Assert.Equal(FirewallLabNetwork.ListenPorts, OpenPorts(0));      // a multiple of everything
        Assert.Empty(OpenPorts(1));                                       // fully dark
        Assert.Equal([22, 80, 443], OpenPorts(30));
        Assert.Equal([3389, 8080], OpenPorts(77));
        Assert.Equal([22, 80, 443, 3389], OpenPorts(210));
        Assert.Equal([80, 8080], OpenPorts(33));
        // Dark: no factor 2, 3, 5, 7 or 11 (1, 13, 17, 19, 23, …): 53 of 256, and no open port means down.
        var dark = Enumerable.Range(0, 256).Where(i => new[] { 2, 3, 5, 7, 11 }.All(m => i % m != 0)).Select(i => addresses[i]).ToHashSet();
        Assert.Equal(53, dark.Count);
        ScanAssert.SameAddresses(dark, truth.HostsDown, "dark hosts");
        Assert.Equal(256 - 53, truth.HostsUp.Count);
        Assert.Equal(128 + 86 + 52 + 37 + 24, truth.Open.Count);

        int[] OpenPorts(int lastByte) =>
            [.. truth.Open.Where(e => e.Address.Equals(addresses[lastByte])).Select(e => e.Port).Order()];
    }

    [Fact]
    public void Layout_KnowsOnlyItsOwnAddresses_AndOverlapsNoOtherLab()
    {
        Assert.Throws<ArgumentException>(() => Layout.Expect(IPAddress.Parse(FirewallLabNetwork.ClientV4), 80));
        Assert.Throws<ArgumentException>(() => Layout.Expect(IPAddress.Parse(FirewallLabNetwork.ClientV6), 80));
        Assert.Throws<ArgumentException>(() => Layout.Expect(IPAddress.Parse("10.232.8.6"), 80));
        Assert.Throws<ArgumentException>(() => Layout.Expect(IPAddress.Parse(ScanLabNetwork.HostV4), 80));
        Assert.False(Layout.IsLocal(IPAddress.Parse(LabNetwork.NoRouteV4)));
        Assert.False(Layout.IsLocal(IPAddress.Parse(LabNetwork.NoRouteV6)));
        Assert.True(Layout.IsLocal(IPAddress.Parse("10.232.9.255")));
        Assert.True(Layout.IsLocal(IPAddress.Parse("fd00:5eac:19::ff")));
        Assert.Equal(8, Layout.HostAddresses.Count);

        IPNetwork[] link = [IPNetwork.Parse("10.232.8.0/24"), IPNetwork.Parse("fd00:5eac:18::/64")];
        IPNetwork[] others =
        [
            IPNetwork.Parse("10.231.0.0/16"), IPNetwork.Parse(ScanLabNetwork.AnyIpV4), IPNetwork.Parse(ScanLabNetwork.DeadV4),
            IPNetwork.Parse("fd00:5eac::/64"), IPNetwork.Parse("fd00:5eac:1::/64"), IPNetwork.Parse("fd00:5eac:8::/64"),
            IPNetwork.Parse(ScanLabNetwork.AnyIpV6), IPNetwork.Parse(ScanLabNetwork.DeadV6),
        ];
        foreach (var ours in link.Concat(Layout.RoutedRanges))
        {
            Assert.All(others, other => Assert.False(
                ours.Contains(other.BaseAddress) || other.Contains(ours.BaseAddress), $"{ours} overlaps {other}"));
        }
    }

    [Theory]
    [InlineData(AddressFamily.InterNetwork)]
    [InlineData(AddressFamily.InterNetworkV6)]
    public void Rules_DenyAndRejectHostsEndWithTheirDefault_TheLossyHostLosesBothWays(AddressFamily family)
    {
        var rules = Layout.Rules.Where(r => r.Family == family).ToList();
        var lines = rules.Select(r => r.Line()).ToList();
        var v6 = family == AddressFamily.InterNetworkV6;

        Assert.Contains($"-A INPUT -d {FirewallLabNetwork.Deny(family)} -p tcp -j DROP", lines);
        Assert.Contains($"-A INPUT -d {FirewallLabNetwork.Reject(family)} -p tcp -j REJECT --reject-with {(v6 ? "icmp6-adm-prohibited" : "icmp-admin-prohibited")}", lines);
        Assert.Contains(
            $"-A INPUT -d {FirewallLabNetwork.Limited(family)} -p tcp --syn -m hashlimit --hashlimit-name reach-limit{(v6 ? 6 : 4)} "
            + "--hashlimit-mode srcip --hashlimit-above 200/sec --hashlimit-burst 20 -j DROP",
            lines);
        Assert.Contains($"-A INPUT -d {FirewallLabNetwork.Lossy(family)} -m statistic --mode random --probability 0.1 -j DROP", lines);
        Assert.Contains($"-A OUTPUT -s {FirewallLabNetwork.Lossy(family)} -m statistic --mode random --probability 0.1 -j DROP", lines);
        Assert.Equal($"-A INPUT -d {FirewallLabNetwork.Deny24(family)} -p tcp -j DROP", lines[^1]);
        Assert.Equal(lines.Count, lines.Distinct().Count());
        Assert.StartsWith("*filter\n", Layout.RestoreScript(family), StringComparison.Ordinal);
        Assert.EndsWith("\nCOMMIT\n", Layout.RestoreScript(family), StringComparison.Ordinal);
    }

    [Fact]
    public void BenchShellLab_HasTheCSharpSettings()
    {
        var script = ScanLabConfigurationTests.FindRepoFile("bench/scan-lab/lab.sh");
        Assert.SkipWhen(script is null, "bench/scan-lab/lab.sh is not beside the test output (not a repository checkout)");
        var settings = ShellSetting().Matches(File.ReadAllText(script!))
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value.Trim('"'));

        Assert.Equal("$SCANLAB_NAME-f", settings["FW"]);
        Assert.Equal(FirewallLabNetwork.ClientV4, settings["FW_CLIENT_V4"]);
        Assert.Equal(FirewallLabNetwork.ClientV6, settings["FW_CLIENT_V6"]);
        Assert.Equal(FirewallLabNetwork.DenyV4, settings["DENY_V4"]);
        Assert.Equal(FirewallLabNetwork.DenyV6, settings["DENY_V6"]);
        Assert.Equal(FirewallLabNetwork.RejectV4, settings["REJECT_V4"]);
        Assert.Equal(FirewallLabNetwork.RejectV6, settings["REJECT_V6"]);
        Assert.Equal(FirewallLabNetwork.LimitedV4, settings["LIMITED_V4"]);
        Assert.Equal(FirewallLabNetwork.LimitedV6, settings["LIMITED_V6"]);
        Assert.Equal(FirewallLabNetwork.LossyV4, settings["LOSSY_V4"]);
        Assert.Equal(FirewallLabNetwork.LossyV6, settings["LOSSY_V6"]);
        Assert.Equal(FirewallLabNetwork.Deny24V4, settings["DENY24_V4"]);
        Assert.Equal(FirewallLabNetwork.Deny24V6, settings["DENY24_V6"]);
        Assert.Equal(FirewallLabNetwork.OpenPorts, Numbers("FW_OPEN_PORTS"));
        Assert.Equal(FirewallLabNetwork.ListenPorts, Numbers("FW_LISTEN_PORTS"));
        Assert.Equal(FirewallLabNetwork.Deny24Moduli, Numbers("DENY24_MODULI"));
        Assert.Equal(FirewallLabNetwork.LimitRate, int.Parse(settings["LIMIT_RATE"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(FirewallLabNetwork.LimitBurst, int.Parse(settings["LIMIT_BURST"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(FirewallLabNetwork.Loss, double.Parse(settings["LOSS"], System.Globalization.CultureInfo.InvariantCulture));

        int[] Numbers(string name) => [.. settings[name].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(n => int.Parse(n, System.Globalization.CultureInfo.InvariantCulture))];
    }

    /// <summary>
    /// <c>lab.sh rules 4|6</c> (what <c>lab.sh up</c> loads with iptables-restore) prints exactly the C# layout's rules,
    /// in the same order: the bench and the tests measure against the same firewall.
    /// </summary>
    [Theory]
    [InlineData(AddressFamily.InterNetwork, "4")]
    [InlineData(AddressFamily.InterNetworkV6, "6")]
    public async Task BenchShellLab_PrintsTheLayoutsRulesLineForLine(AddressFamily family, string flag)
    {
        var script = ScanLabConfigurationTests.FindRepoFile("bench/scan-lab/lab.sh");
        Assert.SkipWhen(script is null, "bench/scan-lab/lab.sh is not beside the test output (not a repository checkout)");
        var bash = LabTools.Find("bash");
        Assert.SkipWhen(bash is null, "bash is not installed");

        // Only prints: `rules` needs no root and touches nothing.
        var result = await CommandRunner.RunAsync(bash!, [script!, "rules", flag], TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.True(result.ExitCode == 0, result.Describe());
        var shell = result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var csharp = Layout.Rules.Where(r => r.Family == family).Select(r => r.Line()).ToList();
        Assert.Equal(csharp.Count, shell.Length);
        for (var i = 0; i < csharp.Count; i++)
        {
            Assert.True(csharp[i] == shell[i], $"rule {i + 1}: C# \"{csharp[i]}\", lab.sh \"{shell[i]}\"");
        }
    }

    private static int[] TopPorts1000() => [.. TopPorts.Ports.ToArray().Select(p => (int)p)];

    [GeneratedRegex(@"^SCANLAB_([A-Z0-9_]+)=(""[^""\n]*""|[^\s]*)\s*$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex ShellSetting();
}
