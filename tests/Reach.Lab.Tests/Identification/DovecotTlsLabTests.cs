using Reach.Lab.Tests.Lab;
using Reach.Lab.Tests.Sockets;

namespace Reach.Lab.Tests.Identification;

/// <summary>
/// <c>reach check --tls</c> against Debian's dovecot in a namespace of this class's own (<c>rl-PID-d</c>): IMAP and
/// POP3 STARTTLS asked for on other ports, chosen by reach itself on 143 and 110, and imaps and pop3s, each compared
/// with <c>openssl s_client</c> (<c>-starttls imap|pop3</c>) and <c>openssl x509</c>. The namespace is the test's
/// own, so dovecot can listen on the well-known ports.
/// </summary>
public sealed class DovecotTlsLabTests(LabFixture lab, TestCertificates pki) : IClassFixture<TestCertificates>
{
    private static readonly DovecotServer.Ports Ports = new(Imap: [7143, 143], Imaps: 993, Pop3: [7110, 110], Pop3s: 995);

    [Theory]
    [InlineData(7143, "imap", "imap")]
    [InlineData(143, null, "imap")]
    [InlineData(993, null, null)]
    [InlineData(7110, "pop3", "pop3")]
    [InlineData(110, null, "pop3")]
    [InlineData(995, null, null)]
    public async Task Dovecot_TrustedWithTheRoot_SessionIsSClients(int port, string? starttlsOption, string? upgrade)
    {
        if (DovecotServer.Binary is null)
        {
            Assert.Skip("Needs Debian's dovecot: apt-get install -y dovecot-imapd dovecot-pop3d (test.sh does as root, without starting its service).");
        }

        await using var ns = await TlsServerCheck.CreateNamespaceAsync(lab, pki, "d");
        using var dovecot = await DovecotServer.StartAsync(lab.IpPath, ns.Name, Ports, pki.Valid.Chain!, pki.Valid.Key);

        var run = await TlsServerCheck.ReachAsync(ns, port, starttlsOption is null ? ["--ca", pki.RootCa] : ["--starttls", starttlsOption, "--ca", pki.RootCa]);
        var openssl = await OpenSslClient.ConnectAsync(ns, port, TestCertificates.ServerName, startTls: upgrade, trust: pki.RootCa);

        await TlsServerCheck.AssertTrustedAsync(pki, pki.Valid.Certificate, run, openssl, starttls: upgrade);
    }
}
