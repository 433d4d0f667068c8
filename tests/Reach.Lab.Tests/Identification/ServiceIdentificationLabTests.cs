using System.Globalization;
using System.Text.RegularExpressions;
using Reach.Lab.Tests.Cli;
using Reach.Lab.Tests.Lab;
using Reach.Lab.Tests.Sockets;

namespace Reach.Lab.Tests.Identification;

/// <summary>
/// What answers, found by <c>reach check</c> by default, against Debian's real servers in a namespace of this class's
/// own (<c>rl-PID-i</c>): sshd moved to port 443 ("port 443 answers SSH, not HTTPS"), nginx answering HEAD, redis
/// answering PING, PostgreSQL answering its SSLRequest; the names compared with nmap's service detection on the same ports.
/// </summary>
public sealed class ServiceIdentificationLabTests(LabFixture lab)
{
    [Fact]
    public async Task SshOnTheHttpsPort_IsWrongService_Exit1_SayingWhatAnswered()
    {
        lab.RequireLab();
        if (SshServer.Binary is null)
        {
            Assert.Skip("Needs Debian's openssh-server: apt-get install -y openssh-server (test.sh does as root).");
        }

        await using var ns = await SocketsNamespace.CreateAsync(lab.IpPath, suffix: "i");
        using var sshd = await SshServer.StartAsync(lab.IpPath, ns.Name, 443);
        await WaitForListenerAsync(ns, 443);

        var text = await ns.ReachAsync("check", "127.0.0.1", "443", "--no-ping");
        var json = await ns.ReachAsync("check", "127.0.0.1", "443", "--no-ping", "--json");
        var portAlone = await ns.ReachAsync("check", "127.0.0.1", "443", "--no-ping", "--no-banner", "--no-tls");
        var quiet = await ns.ReachAsync("check", "127.0.0.1", "443", "--no-ping", "--quiet", "--no-tls");

        Assert.Equal(1, text.ExitCode);
        Assert.Contains("NOT REACHABLE (wrong-service)", text.StdOut, StringComparison.Ordinal);
        Assert.Contains("port 443 answers SSH, not HTTPS", text.StdOut, StringComparison.Ordinal);
        Assert.Equal("wrong-service", json.Json.Text("status"));
        var banner = json.Json.SingleResult().Prop("banner");
        Assert.Equal("ssh", banner.Text("protocol"));
        Assert.Equal("ssl", banner.Text("expected"));
        Assert.Equal("tls-client-hello", banner.Text("probe"));
        Assert.Matches(@"^SSH-2\.0-OpenSSH_", banner.Text("text"));
        Assert.Equal(1, json.ExitCode);
        Assert.False(json.Json.SingleResult().Prop("tls").Flag("trusted")); // TLS is on by default on 443, and fails too

        Assert.Equal(0, portAlone.ExitCode); // the port alone is open
        Assert.Equal(0, quiet.ExitCode); // --quiet checks the port (and TLS) alone: no second connection
    }

    [Fact]
    public async Task NginxRedisAndPostgres_AreNamed_AsNmapNamesThem()
    {
        lab.RequireLab();
        if (NginxServer.Binary is null || RedisServer.Binary is null || !PostgresServer.Available || LabTools.Find("nmap") is null)
        {
            Assert.Skip("Needs Debian's nginx, redis-server, postgresql and nmap: apt-get install -y nginx redis-server postgresql nmap (test.sh does as root).");
        }

        await using var ns = await SocketsNamespace.CreateAsync(lab.IpPath, suffix: "i");
        using var nginx = await NginxServer.StartAsync(lab.IpPath, ns.Name, 80, workers: 1);
        using var redis = RedisServer.Start(lab.IpPath, ns.Name, 6379);
        await using var postgres = await PostgresServer.StartAsync(lab.IpPath, ns.Name, 5432, tls: true);
        await WaitForListenerAsync(ns, 80);
        await WaitForListenerAsync(ns, 6379);

        var web = await ns.ReachAsync("check", "127.0.0.1", "80", "--no-ping", "--json");
        var webText = await ns.ReachAsync("check", "127.0.0.1", "80", "--no-ping");
        var cache = await ns.ReachAsync("check", "127.0.0.1", "6379", "--no-ping", "--json");
        var database = await ns.ReachAsync("check", "127.0.0.1", "5432", "--no-ping", "--json");
        var nginxVersion = await ns.RunAsync([NginxServer.Binary, "-v"]);
        var nmap = await ns.RunAsync(["nmap", "-Pn", "-n", "-sV", "-p", "80,5432,6379", "127.0.0.1", "-oX", "-"]);

        Assert.Equal(0, web.ExitCode);
        var http = web.Json.SingleResult().Prop("banner");
        Assert.Equal("http", http.Text("protocol"));
        Assert.Equal("http-head", http.Text("probe"));
        var version = Regex.Match(nginxVersion.StdErr, @"nginx/\S+").Value;
        Assert.Equal($"HTTP/1.1 200 OK · Server: {version}", http.Text("text"));
        Assert.Contains($"HTTP/1.1 200 OK · Server: {version}  (http, answer to HEAD /)", webText.StdOut, StringComparison.Ordinal);

        Assert.Equal(0, cache.ExitCode);
        var pong = cache.Json.SingleResult().Prop("banner");
        Assert.Equal("redis", pong.Text("protocol"));
        Assert.Equal("+PONG", pong.Text("text"));

        Assert.Equal(0, database.ExitCode);
        var ssl = database.Json.SingleResult().Prop("banner");
        Assert.Equal("postgresql", ssl.Text("protocol"));
        Assert.Equal("postgres-ssl-request", ssl.Text("probe"));
        Assert.Equal("PostgreSQL: SSL supported (SSLRequest answered S)", ssl.Text("text"));

        Assert.True(nmap.ExitCode == 0, nmap.Describe());
        Assert.Equal("http", NmapServiceName(nmap.StdOut, 80));
        Assert.Equal("redis", NmapServiceName(nmap.StdOut, 6379));
        Assert.Equal("postgresql", NmapServiceName(nmap.StdOut, 5432));
    }

    /// <summary>The service nmap's XML names on a port.</summary>
    internal static string NmapServiceName(string xml, int port)
    {
        var match = Regex.Match(xml, $"""<port protocol="tcp" portid="{port.ToString(CultureInfo.InvariantCulture)}">.*?<service name="(?<name>[^"]+)" """, RegexOptions.Singleline);
        Assert.True(match.Success, $"no service for port {port} in nmap's XML:\n{xml}");
        return match.Groups["name"].Value;
    }

    /// <summary>Servers bind in the background: wait (bounded) until the kernel lists the listener.</summary>
    internal static async Task WaitForListenerAsync(SocketsNamespace ns, int port)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var ss = await ns.RunAsync(["ss", "-Hltn", $"sport = :{port.ToString(CultureInfo.InvariantCulture)}"]);
            if (ss.StdOut.Contains("LISTEN", StringComparison.Ordinal))
            {
                return;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.Fail($"nothing listened on port {port} within 10 s");
    }
}
