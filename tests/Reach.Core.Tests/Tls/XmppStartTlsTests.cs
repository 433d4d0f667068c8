using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Reach.Core.Tests.TestSupport;
using Reach.Tls;

namespace Reach.Core.Tests.Tls;

/// <summary>
/// XMPP's STARTTLS against loopback servers answering as Prosody 0.12 does (its stream header and features, then
/// &lt;proceed/&gt;), then a TLS handshake; and servers that do not offer it, refuse it, end the stream with an
/// error, speak another protocol, never finish their features, or stall.
/// </summary>
public sealed class XmppStartTlsTests : IDisposable
{
    private const string Header = "<?xml version='1.0'?><stream:stream xmlns:stream='http://etherx.jabber.org/streams' xml:lang='en' id='2c5e0a4d-3a8f' from='reach.test' version='1.0' xmlns='jabber:client'>";

    private const string Features = "<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN</mechanism><mechanism>SCRAM-SHA-1</mechanism></mechanisms></stream:features>";

    private const string Proceed = "<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>";

    private readonly CancellationToken ct = TestContext.Current.CancellationToken;
    private readonly X509Certificate2 leaf = TestCertificates.Leaf();
    private readonly List<IDisposable> owned = [];

    public void Dispose()
    {
        owned.ForEach(o => o.Dispose());
        leaf.Dispose();
    }

    [Fact]
    public async Task Proceed_ThenTheHandshake_ReportsTheCertificate()
    {
        var heard = new List<string>();
        var server = Serve(Header + "\n" + Features, Proceed, tlsAfter: true, heard);

        var report = await TlsProbe.ProbeAsync(server.EndPoint, TestCertificates.Name, Options(), ct);

        Assert.True(report.Trusted, $"{string.Join(", ", report.Problems)} {report.Error}");
        Assert.Equal(StartTlsProtocol.Xmpp, report.StartTls);
        await server.Finished.WaitAsync(TimeSpan.FromSeconds(5), ct);
        Assert.Equal("<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' to='reach.test' version='1.0'>", heard[0]);
        Assert.Equal("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>", heard[1]);
    }

    [Fact]
    public async Task Port5269_OpensAServerStream()
    {
        var heard = new List<string>();
        var server = Serve(Header.Replace("jabber:client", "jabber:server", StringComparison.Ordinal) + Features, Proceed, tlsAfter: false, heard);
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(server.EndPoint, ct);
        await using var stream = new NetworkStream(client);

        await StartTls.NegotiateAsync(stream, StartTlsProtocol.Xmpp, "chat.reach.test", 5269, ct);

        client.Shutdown(SocketShutdown.Send);
        await server.Finished.WaitAsync(TimeSpan.FromSeconds(5), ct);
        Assert.Contains("xmlns='jabber:server'", heard[0], StringComparison.Ordinal);
        Assert.Contains("to='chat.reach.test'", heard[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoStartTlsAmongTheFeatures_SaysSo()
    {
        var server = Serve(Header + "<stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN</mechanism></mechanisms><auth xmlns='http://jabber.org/features/iq-auth'/></stream:features>", null, tlsAfter: false);

        var report = await TlsProbe.ProbeAsync(server.EndPoint, TestCertificates.Name, Options(), ct);

        Assert.Equal([TlsProblem.HandshakeFailed], report.Problems);
        Assert.Equal("STARTTLS (xmpp): the XMPP server does not offer STARTTLS in its stream features", report.Error);
    }

    [Fact]
    public async Task EmptyFeatures_OfferNothing()
    {
        var server = Serve(Header + "<stream:features/>", null, tlsAfter: false);

        var report = await TlsProbe.ProbeAsync(server.EndPoint, TestCertificates.Name, Options(), ct);

        Assert.Equal("STARTTLS (xmpp): the XMPP server does not offer STARTTLS in its stream features", report.Error);
    }

    [Fact]
    public async Task Failure_IsARefusal()
    {
        var server = Serve(Header + Features, "<failure xmlns='urn:ietf:params:xml:ns:xmpp-tls'/></stream:stream>", tlsAfter: false);

        var report = await TlsProbe.ProbeAsync(server.EndPoint, TestCertificates.Name, Options(), ct);

        Assert.Equal("STARTTLS (xmpp): the XMPP server refused STARTTLS: it answered <failure/>", report.Error);
    }

    [Fact]
    public async Task StreamError_SaysItsConditionAndText()
    {
        var server = Serve(Header + "<stream:error><host-unknown xmlns='urn:ietf:params:xml:ns:xmpp-streams'/><text xmlns='urn:ietf:params:xml:ns:xmpp-streams'>This server does not serve 127.0.0.1\u001b[1m</text></stream:error></stream:stream>", null, tlsAfter: false);

        var report = await TlsProbe.ProbeAsync(server.EndPoint, TestCertificates.Name, Options(), ct);

        Assert.Equal("STARTTLS (xmpp): the XMPP server ended the stream with an error: host-unknown: This server does not serve 127.0.0.1\\x1b[1m", report.Error);
    }

    [Fact]
    public async Task HttpServer_IsQuoted()
    {
        var server = Serve("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n", null, tlsAfter: false);

        var report = await TlsProbe.ProbeAsync(server.EndPoint, TestCertificates.Name, Options(), ct);

        Assert.Equal("STARTTLS (xmpp): not an XMPP server: it answered with \"HTTP/1.1 400 Bad Request\\r\\nContent-Length: 0\"", report.Error);
    }

    [Fact]
    public async Task AnotherFirstElement_IsQuoted()
    {
        var server = Serve("<html><body>hello</body></html>", null, tlsAfter: false);

        var report = await TlsProbe.ProbeAsync(server.EndPoint, TestCertificates.Name, Options(), ct);

        Assert.Equal("STARTTLS (xmpp): expected the XMPP stream header, the server sent \"<html>\"", report.Error);
    }

    [Fact]
    public async Task EndlessFeatures_StopAtTheByteLimit_NotAHang()
    {
        var server = new PreambleServer(leaf, async (stream, token) =>
        {
            await PreambleServer.ReadUntilAsync(stream, "'1.0'>", token);
            await stream.WriteAsync(Encoding.UTF8.GetBytes(Header + "<stream:features>"), token);
            var more = Encoding.UTF8.GetBytes("<mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN</mechanism></mechanisms>");
            while (true)
            {
                await stream.WriteAsync(more, token); // until the client goes
            }
        });
        owned.Add(server);

        var report = await TlsProbe.ProbeAsync(server.EndPoint, TestCertificates.Name, Options(TimeSpan.FromSeconds(30)), ct);

        Assert.Equal($"STARTTLS (xmpp): the XMPP server sent more than {XmppStartTls.MaxBytes} bytes without completing its stream features", report.Error);
    }

    [Fact]
    public async Task UnfinishedFeatures_EndAtTheDeadline()
    {
        var server = Serve(Header + "<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'>", null, tlsAfter: false);

        var report = await TlsProbe.ProbeAsync(server.EndPoint, TestCertificates.Name, Options(TimeSpan.FromMilliseconds(500)), ct);

        Assert.Equal("STARTTLS (xmpp): no complete answer from the server within 500ms", report.Error);
    }

    private static TlsProbeOptions Options(TimeSpan? timeout = null) =>
        new() { StartTls = StartTlsProtocol.Xmpp, ExtraTrust = [TestCertificates.Root.Value], Timeout = timeout ?? TimeSpan.FromSeconds(5) };

    /// <summary>
    /// Reads the client's stream header, sends <paramref name="greeting"/>; when <paramref name="answer"/> is given,
    /// reads the client's &lt;starttls/&gt; and sends it; then TLS or a hold. What the client sent goes to <paramref name="heard"/>.
    /// </summary>
    private PreambleServer Serve(string greeting, string? answer, bool tlsAfter, List<string>? heard = null)
    {
        var server = new PreambleServer(leaf, async (stream, token) =>
        {
            heard?.Add(await PreambleServer.ReadUntilAsync(stream, "'1.0'>", token));
            await stream.WriteAsync(Encoding.UTF8.GetBytes(greeting), token);
            if (answer is not null)
            {
                heard?.Add(await PreambleServer.ReadUntilAsync(stream, "/>", token));
                await stream.WriteAsync(Encoding.UTF8.GetBytes(answer), token);
            }

            return tlsAfter || await PreambleServer.HoldAsync(stream, token);
        });
        owned.Add(server);
        return server;
    }
}
