using System.Globalization;
using System.Text.Json;
using Reach.Lab.Tests.Cli;
using Reach.Lab.Tests.Identification;
using Reach.Lab.Tests.Lab;
using Reach.Lab.Tests.Sockets;

namespace Reach.Lab.Tests.Scan;

/// <summary>
/// <c>reach scan --service</c> against Debian's real servers in a namespace of this class's own (<c>rl-PID-sv</c>):
/// sshd on 22 and, moved, on 443; nginx on 80; redis on 6379; PostgreSQL with TLS on 5432. The names are compared
/// port by port with <c>nmap -sV</c> on the same ports; how much faster reach is goes to the test output (speed goals
/// belong to bench/service.sh, not to an assertion).
/// </summary>
public sealed class ScanServiceLabTests(LabFixture lab)
{
    private static readonly int[] Ports = [22, 80, 443, 5432, 6379];

    [Fact]
    public async Task RealServers_AreNamed_AsNmapSvNamesThem_PortByPort()
    {
        lab.RequireLab();
        if (SshServer.Binary is null || NginxServer.Binary is null || RedisServer.Binary is null || !PostgresServer.Available || LabTools.Find("nmap") is null)
        {
            Assert.Skip("Needs Debian's openssh-server, nginx, redis-server, postgresql and nmap (test.sh installs them as root).");
        }

        await using var ns = await SocketsNamespace.CreateAsync(lab.IpPath, suffix: "sv");
        using var ssh = await SshServer.StartAsync(lab.IpPath, ns.Name, 22);
        using var moved = await SshServer.StartAsync(lab.IpPath, ns.Name, 443);
        using var nginx = await NginxServer.StartAsync(lab.IpPath, ns.Name, 80, workers: 1);
        using var redis = RedisServer.Start(lab.IpPath, ns.Name, 6379);
        await using var postgres = await PostgresServer.StartAsync(lab.IpPath, ns.Name, 5432, tls: true);
        foreach (var port in Ports)
        {
            await ServiceIdentificationLabTests.WaitForListenerAsync(ns, port);
        }

        var portList = string.Join(',', Ports.Select(p => p.ToString(CultureInfo.InvariantCulture)));
        var reach = await ns.ReachAsync("scan", "127.0.0.1", "-p", portList, "--service", "--tls", "--format", "json");
        var table = await ns.ReachAsync("scan", "127.0.0.1", "-p", portList, "--service");
        var nmap = await ns.RunAsync(["nmap", "-Pn", "-n", "-sV", "-p", portList, "127.0.0.1", "-oX", "-"]);

        Assert.Equal(0, reach.ExitCode);
        Assert.True(nmap.ExitCode == 0, nmap.Describe());
        var detected = reach.Json.Items("ports").ToDictionary(p => p.WholeNumber("port"));
        Assert.Equal(Ports, detected.Keys.Order());
        foreach (var port in Ports)
        {
            var nmapName = ServiceIdentificationLabTests.NmapServiceName(nmap.StdOut, port);
            Assert.True(nmapName == detected[port].Prop("detected").Text("protocol"), $"port {port}: nmap says {nmapName}, reach {detected[port].Prop("detected").GetRawText()}");
            Assert.Equal("open", detected[port].Text("state"));
        }

        // sshd on the HTTPS port: named ssh as nmap names it, marked a mismatch, still open; its TLS (443 is TLS-wrapped) fails
        var https = detected[443].Prop("detected");
        Assert.Equal("ssh", https.Text("protocol"));
        Assert.Equal("ssl", https.Text("expected"));
        Assert.True(https.Flag("mismatch"));
        Assert.Contains("handshake-failed", https.Prop("tls").Items("problems").Select(p => p.GetString()));
        Assert.False(detected[22].Prop("detected").Flag("mismatch"));
        Assert.Equal(JsonValueKind.Null, detected[22].Prop("detected").Prop("tls").ValueKind); // SSH has no TLS to show

        // PostgreSQL: its SSLRequest answered, then the certificate through the same upgrade (a CA of this test's: not trusted here)
        var database = detected[5432].Prop("detected");
        Assert.Equal("PostgreSQL: SSL supported (SSLRequest answered S)", database.Text("text"));
        var tls = database.Prop("tls");
        Assert.Equal("postgres", tls.Text("starttls"));
        Assert.Equal($"CN={PostgresServer.Name}", tls.Text("subject"));
        Assert.InRange(tls.WholeNumber("days_left"), 28, 30);
        Assert.False(tls.Flag("trusted"));
        var problems = tls.Items("problems").Select(p => p.GetString()).ToList();
        Assert.NotEmpty(problems); // its CA is this test's, unknown here (and not sent: incomplete-chain)
        Assert.DoesNotContain("handshake-failed", problems);

        Assert.Matches(@"443/tcp  ssh! .*SSH-2\.0-OpenSSH_.*\[port 443 answers SSH, not HTTPS\]", table.StdOut);
        Assert.Matches(@"6379/tcp  redis .*\+PONG", table.StdOut);

        var ratio = nmap.Elapsed / reach.Elapsed;
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"reach scan --service --tls: {reach.Elapsed.TotalMilliseconds:0} ms; nmap -sV: {nmap.Elapsed.TotalMilliseconds:0} ms; nmap/reach = {ratio:0.0}x (reach run as {Path.GetFileName(ReachCli.Binary)})"));
    }
}
