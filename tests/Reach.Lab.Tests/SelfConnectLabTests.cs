using System.Globalization;
using Reach.Lab.Tests.Cli;
using Reach.Lab.Tests.Lab;

namespace Reach.Lab.Tests;

/// <summary>
/// TCP self-connect: when the kernel picks the destination port as the ephemeral source port of a connect to a
/// closed local port, the SYN meets itself and the connect succeeds. That is not an open port.
/// </summary>
public sealed class SelfConnectLabTests(LabFixture lab)
{
    private const string PortRange = "/proc/sys/net/ipv4/ip_local_port_range";
    private const int Port = 40004;

    [Fact]
    public async Task Check_ClosedLoopbackPortInTheEphemeralRange_IsClosedEvenWhenTheKernelSelfConnects()
    {
        lab.RequireLab();
        var ct = TestContext.Current.CancellationToken;
        var original = (await lab.RunInClientAsync(["cat", PortRange], TimeSpan.FromSeconds(5), ct)).StdOut.Trim();
        try
        {
            // Shrink the client namespace's ephemeral range to 40004-40005: connect() takes even ports first, so the
            // probe's source port is 40004, the very port it connects to, where nothing listens.
            await SetPortRangeAsync("40004 40005", ct);

            var states = new List<(string? State, string? Reason)>();
            for (var i = 0; i < 5; i++)
            {
                var run = await ReachCli.RunAsync(lab, "check", "127.0.0.1", Port.ToString(CultureInfo.InvariantCulture), "--no-ping", "--json");
                Assert.Equal(1, run.ExitCode);
                var result = run.Json.SingleResult();
                states.Add((result.Text("state"), result.Text("reason")));
            }

            Assert.All(states, s => Assert.Equal("closed", s.State));
            Assert.Contains(("closed", "self-connect"), states);
            // A self-connected probe closes with RST: the port is free again, so the next probe meets itself too.
            Assert.All(states, s => Assert.Equal("self-connect", s.Reason));
        }
        finally
        {
            await SetPortRangeAsync(original.Replace('\t', ' '), CancellationToken.None);
        }
    }

    private async Task SetPortRangeAsync(string range, CancellationToken ct)
    {
        var result = await lab.RunInClientAsync(["sh", "-c", $"echo '{range}' > {PortRange}"], TimeSpan.FromSeconds(5), ct);
        Assert.True(result.ExitCode == 0, result.Describe());
    }
}
