using Reach.Lab.Tests.Cli;
using Reach.Lab.Tests.Lab;
using Reach.Lab.Tests.Sockets;

namespace Reach.Lab.Tests.Identification;

/// <summary>
/// <c>reach check --tls</c> against Debian's nginx serving HTTPS in a namespace of this class's own (<c>rl-PID-g</c>),
/// with an ECDSA P-256 leaf: compared with <c>openssl x509</c> of the served files and <c>openssl s_client</c>.
/// </summary>
public sealed class NginxTlsLabTests(LabFixture lab, TestCertificates pki) : IClassFixture<TestCertificates>
{
    private const int Port = 8443;

    [Fact]
    public async Task Nginx_EcdsaLeafAndIntermediate_TrustedWithTheRoot_FieldsAreOpenSsls()
    {
        await using var ns = await StartAsync();
        using var nginx = await NginxServer.StartAsync(lab.IpPath, ns.Name, Port, workers: 1, (pki.Ecdsa.Chain!, pki.Ecdsa.Key));

        var run = await TlsServerCheck.ReachAsync(ns, Port, "--ca", pki.RootCa);
        var openssl = await OpenSslClient.ConnectAsync(ns, Port, TestCertificates.ServerName, trust: pki.RootCa);

        await TlsServerCheck.AssertTrustedAsync(pki, pki.Ecdsa.Certificate, run, openssl, starttls: null);
        Assert.Equal("ECDSA", TlsServerCheck.Tls(run).Items("chain")[0].Text("key_type"));
    }

    /// <summary>The classic misconfiguration: ssl_certificate holds the leaf alone.</summary>
    [Fact]
    public async Task Nginx_LeafWithoutIntermediate_IsAnIncompleteChain()
    {
        await using var ns = await StartAsync();
        using var nginx = await NginxServer.StartAsync(lab.IpPath, ns.Name, Port, workers: 1, (pki.Ecdsa.Certificate, pki.Ecdsa.Key));

        var run = await TlsServerCheck.ReachAsync(ns, Port, "--ca", pki.RootCa);
        var openssl = await OpenSslClient.ConnectAsync(ns, Port, TestCertificates.ServerName, trust: pki.RootCa);

        Assert.NotEqual(0, openssl.VerifyCode); // openssl cannot build the chain either
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("tls-failed", run.Json.Text("status"));
        var tls = TlsServerCheck.Tls(run);
        TlsAssert.Problems(tls, "incomplete-chain");
        TlsAssert.SameSession(openssl, tls);
        TlsAssert.SameCertificate(await OpenSslCertificate.ReadAsync(pki.Ecdsa.Certificate), Assert.Single(tls.Items("chain")));
    }

    private Task<SocketsNamespace> StartAsync()
    {
        if (NginxServer.Binary is null)
        {
            Assert.Skip("Needs Debian's nginx: apt-get install -y nginx (test.sh does as root).");
        }

        return TlsServerCheck.CreateNamespaceAsync(lab, pki, "g");
    }
}
