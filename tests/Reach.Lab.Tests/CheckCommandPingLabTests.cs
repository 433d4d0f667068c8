using System.Net.Sockets;
using Reach.Lab.Tests.Cli;
using Reach.Lab.Tests.Lab;

namespace Reach.Lab.Tests;

/// <summary>
/// <c>reach check HOST</c>'s ICMP echo when an ICMP destination-unreachable comes back instead of a reply: the Ping line
/// names it (it said "time to live exceeded in transit" on IPv4 and only "no echo reply" on IPv6), as
/// <c>reach ping --icmp</c> does.
/// </summary>
public sealed class CheckCommandPingLabTests(LabFixture lab)
{
    [Theory]
    [InlineData(AddressFamily.InterNetwork, "iptables", "icmp", "echo-request", "icmp-host-unreachable", "destination host unreachable, from ")]
    [InlineData(AddressFamily.InterNetworkV6, "ip6tables", "ipv6-icmp", "echo-request", "icmp6-addr-unreachable", "destination host unreachable (ICMPv6), from ")]
    public async Task Check_EchoAnsweredByHostUnreachable_NamesIt(AddressFamily family, string tool, string protocol, string type, string reject, string expected)
    {
        lab.RequireLab();
        // An address of the target's AnyIP range no other test uses; the rule is removed afterwards.
        var address = LabNetwork.AnyIp(family, 231);
        string[] rule = ["-d", address, "-p", protocol, family == AddressFamily.InterNetwork ? "--icmp-type" : "--icmpv6-type", type, "-j", "REJECT", "--reject-with", reject];
        await lab.RunInTargetAsync([tool, "-w", "10", "-I", "INPUT", .. rule], cancellationToken: TestContext.Current.CancellationToken);
        try
        {
            var run = await ReachCli.RunAsync(lab, "check", address, "--timeout", "2s");

            Assert.Equal(1, run.ExitCode);
            var ping = run.StdOut.Split('\n').Single(line => line.TrimStart().StartsWith("Ping", StringComparison.Ordinal));
            Assert.Contains(expected, ping, StringComparison.Ordinal);
            Assert.DoesNotContain("time to live", ping, StringComparison.Ordinal);
        }
        finally
        {
            await lab.RunInTargetAsync([tool, "-w", "10", "-D", "INPUT", .. rule], cancellationToken: CancellationToken.None);
        }
    }
}
