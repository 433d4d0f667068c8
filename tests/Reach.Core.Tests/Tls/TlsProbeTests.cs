using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Reach.Core.Tests.TestSupport;
using Reach.Tls;

namespace Reach.Core.Tests.Tls;

/// <summary>The TLS report against loopback servers presenting certificates the tests made, good and bad.</summary>
public class TlsProbeTests
{
    private readonly CancellationToken ct = TestContext.Current.CancellationToken;

    private static TlsProbeOptions TrustingTheTestRoot => new() { ExtraTrust = [TestCertificates.Root.Value], Timeout = TimeSpan.FromSeconds(5) };

    [Fact]
    public async Task ValidChainWithIntermediate_TrustedThroughTheCa_ReportsEverything()
    {
        using var leaf = TestCertificates.Leaf(days: 90);
        using var server = new TlsTestServer(leaf, TestCertificates.Intermediate.Value);

        var report = await TlsProbe.ProbeAsync(server.EndPoint, TestCertificates.Name, TrustingTheTestRoot, ct);

        Assert.True(report.Trusted, string.Join(", ", report.Problems));
        Assert.Equal("TLSv1.3", report.Protocol);
        Assert.StartsWith("TLS_", report.CipherSuite, StringComparison.Ordinal);
        Assert.InRange(report.DaysLeft!.Value, 89, 90);
        Assert.Equal(["CN=reach.test", "CN=Reach Test Intermediate"], report.Chain.Select(c => c.Subject));
        var first = report.Chain[0];
        Assert.Equal(["reach.test", "127.0.0.1"], first.Names);
        Assert.Equal(("RSA", 2048, "sha256RSA"), (first.KeyType, first.KeyBits, first.SignatureAlgorithm));
        Assert.Equal("CN=Reach Test Intermediate", first.Issuer);
        Assert.Equal(Convert.ToHexString(leaf.GetCertHash(System.Security.Cryptography.HashAlgorithmName.SHA256)), first.Sha256.Replace(":", string.Empty, StringComparison.Ordinal));
    }

    [Fact]
    public async Task WithoutTheCa_ThePrivateRootIsAnUnknownIssuer()
    {
        using var leaf = TestCertificates.Leaf();
        using var server = new TlsTestServer(leaf, TestCertificates.Intermediate.Value);

        var report = await TlsProbe.ProbeAsync(server.EndPoint, TestCertificates.Name, new TlsProbeOptions(), ct);

        Assert.Equal([TlsProblem.UnknownIssuer], report.Problems);
    }

    [Fact]
    public async Task IntermediateNotSent_IsAnIncompleteChain()
    {
        using var leaf = TestCertificates.Leaf();
        using var server = new TlsTestServer(leaf);

        var report = await TlsProbe.ProbeAsync(server.EndPoint, TestCertificates.Name, TrustingTheTestRoot, ct);

        Assert.Equal([TlsProblem.IncompleteChain], report.Problems);
    }

    [Fact]
    public async Task Expired_IsExpired_WithNegativeDaysLeft()
    {
        using var leaf = TestCertificates.Leaf(days: 10, notBefore: DateTimeOffset.UtcNow.AddDays(-40));
        using var server = new TlsTestServer(leaf, TestCertificates.Intermediate.Value);

        var report = await TlsProbe.ProbeAsync(server.EndPoint, TestCertificates.Name, TrustingTheTestRoot, ct);

        Assert.Equal([TlsProblem.Expired], report.Problems);
        Assert.True(report.DaysLeft < 0);
    }

    [Fact]
    public async Task NotYetValid_IsNotYetValid()
    {
        using var leaf = TestCertificates.Leaf(days: 90, notBefore: DateTimeOffset.UtcNow.AddDays(5));
        using var server = new TlsTestServer(leaf, TestCertificates.Intermediate.Value);

        var report = await TlsProbe.ProbeAsync(server.EndPoint, TestCertificates.Name, TrustingTheTestRoot, ct);

        Assert.Equal([TlsProblem.NotYetValid], report.Problems);
    }

    [Fact]
    public async Task OtherName_IsANameMismatch()
    {
        using var leaf = TestCertificates.Leaf();
        using var server = new TlsTestServer(leaf, TestCertificates.Intermediate.Value);

        var report = await TlsProbe.ProbeAsync(server.EndPoint, "other.test", TrustingTheTestRoot, ct);

        Assert.Equal([TlsProblem.NameMismatch], report.Problems);
    }

    [Fact]
    public async Task SelfSigned_IsSelfSigned()
    {
        using var self = TestCertificates.SelfSigned();
        using var server = new TlsTestServer(self);

        var report = await TlsProbe.ProbeAsync(server.EndPoint, TestCertificates.Name, new TlsProbeOptions(), ct);

        Assert.Equal([TlsProblem.SelfSigned], report.Problems);
        Assert.Single(report.Chain);
    }

    [Fact]
    public async Task Rsa1024_TheHandshakeIsRefused_ByThisHostsTlsPolicy_WithTheReason()
    {
        // Debian's OpenSSL (security level 2) refuses a 1024-bit RSA key during the handshake, as a browser would.
        using var leaf = TestCertificates.Leaf(rsaBits: 1024);
        using var server = new TlsTestServer(leaf, TestCertificates.Intermediate.Value);

        var report = await TlsProbe.ProbeAsync(server.EndPoint, TestCertificates.Name, TrustingTheTestRoot, ct);

        Assert.Equal([TlsProblem.HandshakeFailed], report.Problems);
        Assert.False(string.IsNullOrEmpty(report.Error));
    }

    [Fact]
    public void WeakKey_RsaUnder2048_IsWeak_2048IsNot()
    {
        using var weak = TestCertificates.Leaf(rsaBits: 1024);
        using var strong = TestCertificates.Leaf(rsaBits: 2048);

        Assert.True(TlsHandshakeCapture.IsWeakKey(weak));
        Assert.False(TlsHandshakeCapture.IsWeakKey(strong));
    }

    [Fact]
    public async Task TwoThousandNames_AreCounted_AndTheFirstFiftyListed()
    {
        using var leaf = TestCertificates.Leaf(names: [TestCertificates.Name, .. Enumerable.Range(1, 1999).Select(i => $"host{i}.reach.test")]);
        using var server = new TlsTestServer(leaf, TestCertificates.Intermediate.Value);

        var report = await TlsProbe.ProbeAsync(server.EndPoint, TestCertificates.Name, TrustingTheTestRoot, ct);

        Assert.True(report.Trusted, string.Join(", ", report.Problems));
        Assert.Equal(2001, report.Chain[0].NameCount);
        Assert.Equal(TlsProbe.MaxNamesShown, report.Chain[0].Names.Count);
    }

    [Fact]
    public async Task ServerThatIsNotTls_FailsTheHandshake_WithAReason_NotAHang()
    {
        using var server = GreetingServer.Sending("SSH-2.0-OpenSSH_9.2p1\r\n"u8.ToArray());

        var report = await TlsProbe.ProbeAsync(server.EndPoint, TestCertificates.Name, new TlsProbeOptions { Timeout = TimeSpan.FromSeconds(3) }, ct);

        Assert.Equal([TlsProblem.HandshakeFailed], report.Problems);
        Assert.Null(report.Protocol);
        Assert.StartsWith("the server answered something that is not TLS", report.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandshakeArrivingByteByByte_Completes_WithinTheTimeout()
    {
        using var leaf = TestCertificates.Leaf();
        using var server = new TlsTestServer(leaf, TestCertificates.Intermediate.Value);
        using var relay = ByteByByteRelay(server.EndPoint, TimeSpan.FromMilliseconds(1));

        var report = await TlsProbe.ProbeAsync(relay.EndPoint, TestCertificates.Name, TrustingTheTestRoot with { Timeout = TimeSpan.FromSeconds(20) }, ct);

        Assert.True(report.HandshakeCompleted, report.Error);
        Assert.True(report.Trusted, string.Join(", ", report.Problems));
    }

    [Fact]
    public async Task HandshakeSlowerThanTheTimeout_FailsAtTheTimeout_WithTheReason()
    {
        using var leaf = TestCertificates.Leaf();
        using var server = new TlsTestServer(leaf, TestCertificates.Intermediate.Value);
        using var relay = ByteByByteRelay(server.EndPoint, TimeSpan.FromMilliseconds(20)); // ~2 KB of handshake: 40 s
        var started = System.Diagnostics.Stopwatch.GetTimestamp();

        var report = await TlsProbe.ProbeAsync(relay.EndPoint, TestCertificates.Name, TrustingTheTestRoot with { Timeout = TimeSpan.FromSeconds(1) }, ct);

        Assert.False(report.HandshakeCompleted);
        Assert.StartsWith("no TLS handshake within 1s", report.Error, StringComparison.Ordinal);
        Assert.InRange(System.Diagnostics.Stopwatch.GetElapsedTime(started), TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(5));
    }

    /// <summary>A relay to <paramref name="target"/> passing the client's bytes at once and the server's one at a time.</summary>
    private static GreetingServer ByteByByteRelay(System.Net.IPEndPoint target, TimeSpan pause) => new(async (client, token) =>
    {
        using var upstream = new System.Net.Sockets.Socket(target.AddressFamily, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        await upstream.ConnectAsync(target, token);
        var up = Task.Run(async () =>
        {
            var buffer = new byte[4096];
            int n;
            while ((n = await client.ReceiveAsync(buffer, System.Net.Sockets.SocketFlags.None, token)) > 0)
            {
                await upstream.SendAsync(buffer.AsMemory(0, n), System.Net.Sockets.SocketFlags.None, token);
            }
        }, token);
        var one = new byte[1];
        while (await upstream.ReceiveAsync(one, System.Net.Sockets.SocketFlags.None, token) > 0)
        {
            await client.SendAsync(one, System.Net.Sockets.SocketFlags.None, token);
            await Task.Delay(pause, token);
        }

        await up;
    });

    [Fact]
    public async Task ServerThatClosesDuringTheHandshake_SaysSo_InWords_NotAResourceKey()
    {
        // The trimmed CLI has resource keys ("net_frame_read_size") for .NET's messages: the reason is reach's own words.
        using var server = new GreetingServer(async (client, token) => await client.ReceiveAsync(new byte[4096], System.Net.Sockets.SocketFlags.None, token));

        var report = await TlsProbe.ProbeAsync(server.EndPoint, TestCertificates.Name, new TlsProbeOptions { Timeout = TimeSpan.FromSeconds(3) }, ct);

        Assert.Equal("the server closed the connection during the TLS handshake (does it speak TLS on this port?)", report.Error);
    }

    [Fact]
    public async Task SilentServer_FailsTheHandshake_AtTheTimeout()
    {
        using var server = new GreetingServer(GreetingServer.HoldAsync);

        var report = await TlsProbe.ProbeAsync(server.EndPoint, TestCertificates.Name, new TlsProbeOptions { Timeout = TimeSpan.FromMilliseconds(500) }, ct);

        Assert.Equal([TlsProblem.HandshakeFailed], report.Problems);
        Assert.Contains("no TLS handshake within 500ms", report.Error, StringComparison.Ordinal);
    }
}
