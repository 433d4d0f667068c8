using System.Globalization;
using Reach.Lab.Tests.Cli;
using Reach.Lab.Tests.Lab;
using Reach.Lab.Tests.Sockets;

namespace Reach.Lab.Tests.Identification;

/// <summary>
/// <c>reach check --tls</c> against Debian's OpenLDAP slapd on port 389 in a namespace of this class's own
/// (<c>rl-PID-ld</c>): reach picks LDAP's StartTLS by the port, compared with <c>openssl s_client -starttls ldap</c>
/// and <c>openssl x509</c>; and a slapd without a certificate, which refuses the extended operation.
/// </summary>
public sealed class LdapStartTlsLabTests(LabFixture lab, TestCertificates pki) : IClassFixture<TestCertificates>
{
    private const int Port = 389; // LDAP's own: the upgrade is not asked for, reach knows it by the port

    [Fact]
    public async Task Slapd_Port389_StartTlsByPort_TrustedWithTheRoot_SessionIsSClients()
    {
        await using var ns = await StartAsync();
        using var slapd = await SlapdServer.StartAsync(lab.IpPath, ns.Name, Port, (pki.Valid.Chain!, pki.Valid.Key));

        var run = await TlsServerCheck.ReachAsync(ns, Port, "--ca", pki.RootCa);
        var openssl = await OpenSslClient.ConnectAsync(ns, Port, TestCertificates.ServerName, startTls: "ldap", trust: pki.RootCa);

        await TlsServerCheck.AssertTrustedAsync(pki, pki.Valid.Certificate, run, openssl, starttls: "ldap");
    }

    /// <summary>
    /// slapd without TLSCertificateFile answers the StartTLS request with protocolError and a message: reach says so
    /// in slapd's words (an answer, not reach's timeout), as openssl sees the same result code.
    /// </summary>
    [Fact]
    public async Task Slapd_WithoutCertificate_RefusesStartTls_SaidInItsWords()
    {
        await using var ns = await StartAsync();
        using var slapd = await SlapdServer.StartAsync(lab.IpPath, ns.Name, Port, tls: null);

        var run = await TlsServerCheck.ReachAsync(ns, Port, "--ca", pki.RootCa);
        var openssl = await ns.RunAsync(["openssl", "s_client", "-starttls", "ldap", "-connect", $"127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}"]);

        Assert.True(openssl.ExitCode != 0 && (openssl.StdOut + openssl.StdErr).Contains("STARTTLS failed, LDAP Result Code: 2", StringComparison.Ordinal), openssl.Describe());
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("tls-failed", run.Json.Text("status"));
        var tls = TlsServerCheck.Tls(run);
        TlsAssert.Problems(tls, "handshake-failed");
        Assert.Equal("STARTTLS (ldap): the LDAP server refused StartTLS: protocolError (2): unsupported extended operation", tls.Text("error"));
        Assert.Empty(tls.Items("chain"));
    }

    private Task<SocketsNamespace> StartAsync()
    {
        if (SlapdServer.Binary is null)
        {
            Assert.Skip("Needs Debian's OpenLDAP server: apt-get install -y slapd (test.sh does as root, without starting its service).");
        }

        return TlsServerCheck.CreateNamespaceAsync(lab, pki, "ld");
    }
}
