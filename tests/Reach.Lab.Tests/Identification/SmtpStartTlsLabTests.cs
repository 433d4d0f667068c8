using Reach.Lab.Tests.Cli;
using Reach.Lab.Tests.Lab;
using Reach.Lab.Tests.Sockets;

namespace Reach.Lab.Tests.Identification;

/// <summary>
/// <c>reach check --tls --starttls smtp</c> against Debian's exim4 (a real MTA, GnuTLS) in a namespace of this
/// class's own (<c>rl-PID-m</c>), compared with <c>openssl s_client -starttls smtp</c> and <c>openssl x509</c>.
/// </summary>
public sealed class SmtpStartTlsLabTests(LabFixture lab, TestCertificates pki) : IClassFixture<TestCertificates>
{
    private const int Port = 2525; // not 25 or 587: the upgrade has to be asked for

    [Fact]
    public async Task Exim_StartTlsSmtp_TrustedWithTheRoot_SessionIsSClients()
    {
        await using var ns = await StartAsync();
        using var exim = await EximServer.StartAsync(lab.IpPath, ns.Name, Port, pki.Valid.Chain!, pki.Valid.Key);

        var run = await TlsServerCheck.ReachAsync(ns, Port, "--starttls", "smtp", "--ca", pki.RootCa);
        var openssl = await OpenSslClient.ConnectAsync(ns, Port, TestCertificates.ServerName, startTls: "smtp", trust: pki.RootCa);

        await TlsServerCheck.AssertTrustedAsync(pki, pki.Valid.Certificate, run, openssl, starttls: "smtp");
    }

    /// <summary>Without the upgrade, the client's hello meets the SMTP greeting: no handshake, said so.</summary>
    [Fact]
    public async Task Exim_TlsWithoutStartTls_FailsTheHandshake()
    {
        await using var ns = await StartAsync();
        using var exim = await EximServer.StartAsync(lab.IpPath, ns.Name, Port, pki.Valid.Chain!, pki.Valid.Key);

        var run = await TlsServerCheck.ReachAsync(ns, Port, "--ca", pki.RootCa);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("tls-failed", run.Json.Text("status"));
        var tls = TlsServerCheck.Tls(run);
        TlsAssert.Problems(tls, "handshake-failed");
        Assert.Null(tls.Text("protocol"));
        Assert.False(string.IsNullOrEmpty(tls.Text("error")));
        Assert.Null(tls.Text("starttls"));
    }

    private Task<SocketsNamespace> StartAsync()
    {
        if (EximServer.Binary is null)
        {
            Assert.Skip("Needs Debian's exim4: apt-get install -y exim4-daemon-light (test.sh does as root where no other MTA is installed, without starting its service).");
        }

        return TlsServerCheck.CreateNamespaceAsync(lab, pki, "m");
    }
}
