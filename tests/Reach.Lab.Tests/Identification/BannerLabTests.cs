using System.Globalization;
using System.Text.RegularExpressions;
using Reach.Lab.Tests.Cli;
using Reach.Lab.Tests.Lab;
using Reach.Lab.Tests.Sockets;

namespace Reach.Lab.Tests.Identification;

/// <summary>
/// <c>reach check --banner</c> against Debian's real OpenSSH server in a namespace of this class's own
/// (<c>rl-PID-b</c>), compared with what nmap's service detection says about the same port.
/// </summary>
public sealed partial class BannerLabTests(LabFixture lab)
{
    private const int SshPort = 7122;

    [Fact]
    public async Task RealSshd_BannerNamesSsh_AndTheVersionNmapSees()
    {
        lab.RequireLab();
        if (SshServer.Binary is null || LabTools.Find("nmap") is null)
        {
            Assert.Skip("Needs Debian's openssh-server and nmap: apt-get install -y openssh-server nmap (test.sh does as root).");
        }

        await using var ns = await SocketsNamespace.CreateAsync(lab.IpPath, suffix: "b");
        using var sshd = await SshServer.StartAsync(lab.IpPath, ns.Name, SshPort);
        var port = SshPort.ToString(CultureInfo.InvariantCulture);
        await WaitForListenerAsync(ns, port);

        var text = await ns.ReachAsync("check", "127.0.0.1", port, "--no-ping", "--banner");
        var json = await ns.ReachAsync("check", "127.0.0.1", port, "--no-ping", "--banner", "--json");
        var nmap = await ns.RunAsync(["nmap", "-Pn", "-n", "-sV", "-p", port, "127.0.0.1", "-oX", "-"]);

        Assert.Equal(0, text.ExitCode);
        var banner = json.Json.SingleResult().Prop("banner");
        Assert.Equal("ssh", banner.Text("protocol"));
        Assert.True(banner.Flag("complete"));
        var greeting = banner.Text("text")!;
        Assert.Matches(@"^SSH-2\.0-OpenSSH_\S+", greeting);
        Assert.Contains($"Banner    {greeting}  (ssh)", text.StdOut, StringComparison.Ordinal);

        // nmap names the same service and reads the same version from the same greeting.
        Assert.True(nmap.ExitCode == 0, nmap.Describe());
        var service = NmapService().Match(nmap.StdOut);
        Assert.True(service.Success, $"no service element in nmap's XML:\n{nmap.StdOut}");
        Assert.Equal("ssh", service.Groups["name"].Value);
        Assert.Equal("OpenSSH", service.Groups["product"].Value);
        Assert.StartsWith($"SSH-2.0-OpenSSH_{service.Groups["version"].Value.Split(' ')[0]}", greeting, StringComparison.Ordinal);
    }

    /// <summary>sshd binds in the background: wait (bounded) until reach sees the port open.</summary>
    private static async Task WaitForListenerAsync(SocketsNamespace ns, string port)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            if ((await ns.ReachAsync("check", "127.0.0.1", port, "--no-ping", "--quiet")).ExitCode == 0)
            {
                return;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.Fail($"sshd did not listen on 127.0.0.1:{port} within 5 s");
    }

    [GeneratedRegex("""<service name="(?<name>[^"]+)" product="(?<product>[^"]+)" version="(?<version>[^"]+)" """)]
    private static partial Regex NmapService();
}
