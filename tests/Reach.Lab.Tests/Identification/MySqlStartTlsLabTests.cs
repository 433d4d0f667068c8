using System.Globalization;
using System.Text.RegularExpressions;
using Reach.Lab.Tests.Cli;
using Reach.Lab.Tests.Lab;
using Reach.Lab.Tests.Sockets;

namespace Reach.Lab.Tests.Identification;

/// <summary>
/// <c>reach check --tls</c> against Debian's MariaDB server on 3306 in a namespace of this class's own
/// (<c>rl-PID-my</c>): reach picks MySQL's SSLRequest by the port, compared with <c>openssl s_client -starttls mysql</c>
/// and <c>openssl x509</c>; and a server with <c>--skip-ssl</c>, whose greeting does not offer SSL.
/// </summary>
public sealed partial class MySqlStartTlsLabTests(LabFixture lab, TestCertificates pki) : IClassFixture<TestCertificates>
{
    private const int Port = 3306; // MySQL's own: the upgrade is not asked for, reach knows it by the port

    [Fact]
    public async Task MariaDb_Port3306_StartTlsByPort_TrustedWithTheRoot_SessionIsSClients()
    {
        await using var ns = await StartAsync();
        using var mariadb = await MariaDbServer.StartAsync(lab.IpPath, ns.Name, Port, (pki.Valid.Chain!, pki.Valid.Key));

        var run = await TlsServerCheck.ReachAsync(ns, Port, "--ca", pki.RootCa);
        var openssl = await OpenSslClient.ConnectAsync(ns, Port, TestCertificates.ServerName, startTls: "mysql", trust: pki.RootCa);

        await TlsServerCheck.AssertTrustedAsync(pki, pki.Valid.Certificate, run, openssl, starttls: "mysql");
    }

    /// <summary>
    /// With --skip-ssl the greeting's capability flags lack CLIENT_SSL: reach says so at once, naming the version the
    /// server greeted with (MariaDB's <c>5.5.5-</c> prefix and <c>mariadbd --version</c>'s), as openssl finds no SSL either.
    /// </summary>
    [Fact]
    public async Task MariaDb_SkipSsl_GreetingOffersNoSsl_SaidWithItsVersion()
    {
        await using var ns = await StartAsync();
        using var mariadb = await MariaDbServer.StartAsync(lab.IpPath, ns.Name, Port, tls: null);

        var run = await TlsServerCheck.ReachAsync(ns, Port, "--ca", pki.RootCa);
        var openssl = await ns.RunAsync(["openssl", "s_client", "-starttls", "mysql", "-connect", $"127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}"]);
        var version = await ns.RunAsync([MariaDbServer.Binary!, "--version"]);

        Assert.True(openssl.ExitCode != 0 && (openssl.StdOut + openssl.StdErr).Contains("MySQL server does not support SSL", StringComparison.Ordinal), openssl.Describe());
        var served = ServerVersion().Match(version.StdOut);
        Assert.True(served.Success, version.Describe());
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("tls-failed", run.Json.Text("status"));
        var tls = TlsServerCheck.Tls(run);
        TlsAssert.Problems(tls, "handshake-failed");
        Assert.Equal($"STARTTLS (mysql): the MySQL server does not offer SSL (5.5.5-{served.Groups["version"].Value})", tls.Text("error"));
        Assert.Empty(tls.Items("chain"));
    }

    private Task<SocketsNamespace> StartAsync()
    {
        if (MariaDbServer.Binary is null)
        {
            Assert.Skip("Needs Debian's MariaDB server: apt-get install -y mariadb-server (test.sh does as root, without starting its service).");
        }

        return TlsServerCheck.CreateNamespaceAsync(lab, pki, "my");
    }

    /// <summary><c>mariadbd  Ver 10.11.19-MariaDB-0+deb12u1 for debian-linux-gnu …</c> → <c>10.11.19-MariaDB-0+deb12u1</c>.</summary>
    [GeneratedRegex(@"Ver (?<version>\S+)")]
    private static partial Regex ServerVersion();
}
