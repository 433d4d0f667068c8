using Reach.Lab.Tests.Cli;
using Reach.Lab.Tests.Lab;
using Reach.Lab.Tests.Sockets;

namespace Reach.Lab.Tests.Identification;

/// <summary>
/// <c>reach check --tls</c> against Debian's Prosody on 5222 (client streams) and 5269 (server-to-server streams) in a
/// namespace of this class's own (<c>rl-PID-xm</c>): reach picks XMPP's STARTTLS by the port, compared with
/// <c>openssl s_client -starttls xmpp|xmpp-server -xmpphost reach.test</c> and <c>openssl x509</c>; a Prosody without
/// <c>mod_tls</c>; and a stream to a host Prosody does not serve.
/// </summary>
public sealed class XmppStartTlsLabTests(LabFixture lab, TestCertificates pki) : IClassFixture<TestCertificates>
{
    private const int ClientPort = 5222;
    private const int ServerPort = 5269;

    /// <remarks>
    /// Prosody offers STARTTLS on 5269 to a stream in either namespace: that reach opens a <c>jabber:server</c> stream
    /// there is checked on the bytes it sends (XmppStartTlsTests), not here.
    /// </remarks>
    [Theory]
    [InlineData(ClientPort, "xmpp")]
    [InlineData(ServerPort, "xmpp-server")]
    public async Task Prosody_StartTlsByPort_TrustedWithTheRoot_SessionIsSClients(int port, string opensslStartTls)
    {
        await using var ns = await StartAsync();
        using var prosody = await ProsodyServer.StartAsync(lab.IpPath, ns.Name, ClientPort, ServerPort, (pki.Valid.Chain!, pki.Valid.Key));

        var run = await TlsServerCheck.ReachAsync(ns, port, "--ca", pki.RootCa);
        var openssl = await OpenSslClient.ConnectAsync(ns, port, TestCertificates.ServerName, startTls: opensslStartTls, trust: pki.RootCa, streamHost: TestCertificates.ServerName);

        await TlsServerCheck.AssertTrustedAsync(pki, pki.Valid.Certificate, run, openssl, starttls: "xmpp");

        // What answered: reach's stream open drew Prosody's stream header, from the host it serves.
        var banner = run.Json.SingleResult().Prop("banner");
        Assert.Equal(("xmpp", "xmpp-stream"), (banner.Text("protocol"), banner.Text("probe")));
        Assert.Equal($"XMPP stream from {TestCertificates.ServerName}", banner.Text("text"));
    }

    /// <summary>
    /// Without mod_tls (and encryption not required) the features offer SASL only: reach says STARTTLS is not offered
    /// as soon as the features end (openssl s_client would wait for a &lt;starttls/&gt; until the server gives up).
    /// </summary>
    [Fact]
    public async Task Prosody_WithoutTls_FeaturesOfferNoStartTls_SaidSo()
    {
        await using var ns = await StartAsync();
        using var prosody = await ProsodyServer.StartAsync(lab.IpPath, ns.Name, ClientPort, ServerPort, tls: null);

        var run = await TlsServerCheck.ReachAsync(ns, ClientPort, "--ca", pki.RootCa);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("tls-failed", run.Json.Text("status"));
        var tls = TlsServerCheck.Tls(run);
        TlsAssert.Problems(tls, "handshake-failed");
        Assert.Equal("STARTTLS (xmpp): the XMPP server does not offer STARTTLS in its stream features", tls.Text("error"));
        Assert.Empty(tls.Items("chain"));
    }

    /// <summary>The stream header names the host reach was given: Prosody ends a stream to an address it does not serve with host-unknown.</summary>
    [Fact]
    public async Task Prosody_StreamToAnUnservedHost_EndsWithHostUnknown_SaidInItsWords()
    {
        await using var ns = await StartAsync();
        using var prosody = await ProsodyServer.StartAsync(lab.IpPath, ns.Name, ClientPort, ServerPort, (pki.Valid.Chain!, pki.Valid.Key));

        var run = await ns.ReachAsync("check", "127.0.0.1", "5222", "--no-ping", "--tls", "--json", "--ca", pki.RootCa);

        Assert.Equal(1, run.ExitCode);
        var tls = TlsServerCheck.Tls(run);
        TlsAssert.Problems(tls, "handshake-failed");
        Assert.Equal("STARTTLS (xmpp): the XMPP server ended the stream with an error: host-unknown: This server does not serve 127.0.0.1", tls.Text("error"));
        var banner = run.Json.SingleResult().Prop("banner");
        Assert.Equal("xmpp", banner.Text("protocol"));
        Assert.EndsWith("stream error: host-unknown", banner.Text("text"), StringComparison.Ordinal);
    }

    private Task<SocketsNamespace> StartAsync()
    {
        if (!ProsodyServer.Available)
        {
            Assert.Skip("Needs Debian's Prosody: apt-get install -y prosody (test.sh does as root, without starting its service).");
        }

        return TlsServerCheck.CreateNamespaceAsync(lab, pki, "xm");
    }
}
