using System.Collections.Concurrent;
using System.Text;
using Reach.Core.Tests.TestSupport;
using Reach.Identification;

namespace Reach.Core.Tests.Identification;

/// <summary>
/// The client-speaks-first probes against loopback servers answering the bytes real servers send (nginx, Redis,
/// PostgreSQL, Windows' RDP and SMB, OpenLDAP), and a real TLS handshake answering the ClientHello.
/// </summary>
public class ServiceProbeTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(2);
    private readonly CancellationToken ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task HttpHead_NamesHttp_WithStatusAndServer_AndSendsTheHostAsGiven()
    {
        var requests = new ConcurrentQueue<byte[]>();
        using var server = GreetingServer.Answering("HTTP/1.1 301 Moved Permanently\r\nDate: Tue, 08 Dec 2026 00:00:00 GMT\r\nserver: nginx/1.22.1\r\nLocation: https://www.reach.test/\r\n\r\n"u8.ToArray(), requests);

        var banner = await BannerReader.ReadAsync(server.EndPoint, "www.reach.test", ServiceProbe.HttpHead, Wait, ct);

        Assert.Equal(ServiceProtocol.Http, banner.Protocol);
        Assert.Equal(ServiceProbe.HttpHead, banner.Probe);
        Assert.True(banner.Complete);
        Assert.Equal("HTTP/1.1 301 Moved Permanently · Server: nginx/1.22.1", banner.Text);
        var request = Encoding.ASCII.GetString(Assert.Single(requests));
        Assert.StartsWith("HEAD / HTTP/1.1\r\nHost: www.reach.test\r\n", request, StringComparison.Ordinal);
        Assert.EndsWith("\r\n\r\n", request, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SilentService_OnAPortWithoutProbe_IsAskedHead_AfterHalfTheWait()
    {
        var requests = new ConcurrentQueue<byte[]>();
        using var server = GreetingServer.Answering("HTTP/1.0 200 OK\r\n\r\n"u8.ToArray(), requests);

        var banner = await BannerReader.ReadAsync(server.EndPoint, "::1", null, TimeSpan.FromMilliseconds(600), ct);

        Assert.Equal(ServiceProtocol.Http, banner.Protocol);
        Assert.Equal(ServiceProbe.HttpHead, banner.Probe);
        Assert.Contains("Host: [::1]\r\n", Encoding.ASCII.GetString(Assert.Single(requests)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GreetingServer_IsNotAskedAnything()
    {
        var requests = new ConcurrentQueue<byte[]>();
        using var server = new GreetingServer(async (client, token) =>
        {
            await client.SendAsync("220 mx.reach.test ESMTP Postfix (Debian/GNU)\r\n"u8.ToArray(), System.Net.Sockets.SocketFlags.None, token);
            var buffer = new byte[256];
            var n = await client.ReceiveAsync(buffer, System.Net.Sockets.SocketFlags.None, token);
            requests.Enqueue(buffer[..n]);
        });

        var banner = await BannerReader.ReadAsync(server.EndPoint, "mx.reach.test", null, Wait, ct);

        Assert.Equal(ServiceProtocol.Smtp, banner.Protocol);
        Assert.Null(banner.Probe);
        await Task.Delay(50, ct);
        Assert.True(requests.IsEmpty || requests.All(r => r.Length == 0), "reach sent bytes to a server that had greeted");
    }

    [Theory]
    [InlineData("+PONG\r\n", "+PONG")]
    [InlineData("-NOAUTH Authentication required.\r\n", "-NOAUTH Authentication required.")]
    [InlineData("-DENIED Redis is running in protected mode because protected mode is enabled\r\n", "-DENIED Redis is running in protected mode because protected mode is enabled")]
    public async Task RedisPing_NamesRedis_AndShowsItsAnswer(string reply, string shown)
    {
        var requests = new ConcurrentQueue<byte[]>();
        using var server = GreetingServer.Answering(Encoding.ASCII.GetBytes(reply), requests);

        var banner = await BannerReader.ReadAsync(server.EndPoint, "cache.reach.test", ServiceProbe.RedisPing, Wait, ct);

        Assert.Equal(ServiceProtocol.Redis, banner.Protocol);
        Assert.Equal(shown, banner.Text);
        Assert.Equal("*1\r\n$4\r\nPING\r\n", Encoding.ASCII.GetString(Assert.Single(requests)));
    }

    [Theory]
    [InlineData((byte)'S', "PostgreSQL: SSL supported (SSLRequest answered S)")]
    [InlineData((byte)'N', "PostgreSQL: SSL not enabled (SSLRequest answered N)")]
    public async Task PostgresSslRequest_OneByteAnswer_NamesPostgreSql(byte answer, string shown)
    {
        var requests = new ConcurrentQueue<byte[]>();
        using var server = GreetingServer.Answering([answer], requests);

        var banner = await BannerReader.ReadAsync(server.EndPoint, "db.reach.test", ServiceProbe.PostgresSslRequest, Wait, ct);

        Assert.Equal(ServiceProtocol.PostgreSql, banner.Protocol);
        Assert.True(banner.Complete);
        Assert.Equal(shown, banner.Text);
        Assert.Equal(new byte[] { 0, 0, 0, 8, 0x04, 0xD2, 0x16, 0x2F }, Assert.Single(requests));
    }

    [Fact]
    public async Task RdpConnectionRequest_ConnectionConfirm_NamesRdp_AndItsSecurity()
    {
        // Windows Server's answer: TPKT, X.224 Connection Confirm, RDP_NEG_RSP selecting PROTOCOL_HYBRID (CredSSP).
        byte[] confirm = [0x03, 0x00, 0x00, 0x13, 0x0E, 0xD0, 0x00, 0x00, 0x12, 0x34, 0x00, 0x02, 0x1F, 0x08, 0x00, 0x02, 0x00, 0x00, 0x00];
        var requests = new ConcurrentQueue<byte[]>();
        using var server = GreetingServer.Answering(confirm, requests);

        var banner = await BannerReader.ReadAsync(server.EndPoint, "ts.reach.test", ServiceProbe.RdpConnectionRequest, Wait, ct);

        Assert.Equal(ServiceProtocol.Rdp, banner.Protocol);
        Assert.Equal("RDP, security: CredSSP (NLA)", banner.Text);
        var request = Assert.Single(requests);
        Assert.Equal(19, request.Length);
        Assert.Equal(0xE0, request[5]); // X.224 Connection Request
    }

    [Fact]
    public async Task SmbNegotiate_Smb2Response_NamesSmb_AndTheDialect()
    {
        var requests = new ConcurrentQueue<byte[]>();
        using var server = GreetingServer.Answering(SmbNegotiateResponse(0x0302), requests);

        var banner = await BannerReader.ReadAsync(server.EndPoint, "files.reach.test", ServiceProbe.SmbNegotiate, Wait, ct);

        Assert.Equal(ServiceProtocol.Smb, banner.Protocol);
        Assert.Equal("SMB3, dialect 3.0.2", banner.Text);
        var request = Assert.Single(requests);
        Assert.Equal(request.Length - 4, (request[1] << 16) | (request[2] << 8) | request[3]); // the NetBIOS length is the message's
        Assert.Equal(new byte[] { 0xFE, (byte)'S', (byte)'M', (byte)'B' }, request[4..8]);
    }

    [Fact]
    public async Task LdapRootDse_SearchResultEntry_NamesLdap()
    {
        // OpenLDAP's answer to the root DSE search: SearchResultEntry (objectClass: top, OpenLDAProot).
        byte[] attribute = [0x30, 0x22, 0x04, 0x0B, .. "objectClass"u8, 0x31, 0x13, 0x04, 0x03, .. "top"u8, 0x04, 0x0C, .. "OpenLDAProot"u8];
        byte[] entry = [0x04, 0x00, 0x30, (byte)attribute.Length, .. attribute];
        byte[] message = [0x02, 0x01, 0x01, 0x64, (byte)entry.Length, .. entry];
        byte[] reply = [0x30, (byte)message.Length, .. message];
        var requests = new ConcurrentQueue<byte[]>();
        using var server = GreetingServer.Answering(reply, requests);

        var banner = await BannerReader.ReadAsync(server.EndPoint, "dir.reach.test", ServiceProbe.LdapRootDse, Wait, ct);

        Assert.Equal(ServiceProtocol.Ldap, banner.Protocol);
        Assert.True(banner.Complete);
        Assert.Equal("LDAP: the root DSE answered", banner.Text);
        var request = Assert.Single(requests);
        Assert.Equal(request.Length - 2, request[1]); // one BER SEQUENCE, its length right
        Assert.Equal(0x63, request[5]); // SearchRequest
    }

    [Theory]
    [InlineData( // Prosody 0.12's answer to a stream open for a host it serves: its header, then its features.
        "<?xml version='1.0'?><stream:stream xmlns:stream='http://etherx.jabber.org/streams' xml:lang='en' version='1.0' id='6c1d' from='chat.reach.test' xmlns='jabber:client'><stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls></stream:features>",
        "XMPP stream from chat.reach.test")]
    [InlineData( // and for a name it does not serve: a stream error, with the double quotes some servers use.
        "<?xml version=\"1.0\"?><stream:stream xmlns:stream=\"http://etherx.jabber.org/streams\" version=\"1.0\" xmlns=\"jabber:client\"><stream:error><host-unknown xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error></stream:stream>",
        "XMPP stream, stream error: host-unknown")]
    public async Task XmppStream_ServerHeaderOrError_NamesXmpp_AndSendsAStreamOpenToTheName(string answer, string expected)
    {
        var requests = new ConcurrentQueue<byte[]>();
        using var server = GreetingServer.Answering(Encoding.UTF8.GetBytes(answer), requests);

        var banner = await BannerReader.ReadAsync(server.EndPoint, "chat.reach.test", ServiceProbe.XmppStream, Wait, ct);

        Assert.Equal(ServiceProtocol.Xmpp, banner.Protocol);
        Assert.True(banner.Complete);
        Assert.Equal(expected, banner.Text);
        var request = Encoding.UTF8.GetString(Assert.Single(requests));
        Assert.StartsWith("<?xml version='1.0'?><stream:stream to='chat.reach.test' version='1.0' xmlns='jabber:client'", request, StringComparison.Ordinal);
    }

    [Fact]
    public void XmppStream_EscapesTheName() =>
        Assert.Contains("to='a&apos;b&lt;c'", Encoding.UTF8.GetString(ProbeRequests.XmppStream("a'b<c")), StringComparison.Ordinal);

    [Fact]
    public async Task TlsClientHello_RealTlsServer_AnswersWithServerHello_NamedTls()
    {
        using var leaf = TestCertificates.Leaf();
        using var server = new TlsTestServer(leaf);

        var banner = await BannerReader.ReadAsync(server.EndPoint, "www.reach.test", ServiceProbe.TlsClientHello, Wait, ct);

        Assert.Equal(ServiceProtocol.Tls, banner.Protocol);
        Assert.Equal(ServiceProbe.TlsClientHello, banner.Probe);
        Assert.StartsWith("TLS ServerHello, TLS 1.", banner.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TlsClientHello_ToAnSshServer_NamesSsh()
    {
        // "port 443 answers SSH": sshd greets before reading anything, whatever the client sent.
        var requests = new ConcurrentQueue<byte[]>();
        using var server = GreetingServer.Sending("SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n"u8.ToArray());

        var banner = await BannerReader.ReadAsync(server.EndPoint, "www.reach.test", ServiceProbe.TlsClientHello, Wait, ct);

        Assert.Equal(ServiceProtocol.Ssh, banner.Protocol);
        Assert.Equal("SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3", banner.Text);
    }

    /// <summary>A NetBIOS-framed SMB2 NEGOTIATE response (MS-SMB2 2.2.4) choosing <paramref name="dialect"/>.</summary>
    private static byte[] SmbNegotiateResponse(ushort dialect)
    {
        var smb = new byte[64 + 65];
        smb[0] = 0xFE;
        "SMB"u8.CopyTo(smb.AsSpan(1));
        smb[4] = 64; // header StructureSize
        smb[12] = 0; // command NEGOTIATE
        smb[16] = 1; // flags: response
        smb[64] = 65; // body StructureSize
        smb[66] = 1; // SecurityMode
        smb[68] = (byte)dialect;
        smb[69] = (byte)(dialect >> 8);
        byte[] header = [0, 0, (byte)(smb.Length >> 8), (byte)smb.Length];
        return [.. header, .. smb];
    }
}
