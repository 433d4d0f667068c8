using Reach.Identification;

namespace Reach.Core.Tests.Identification;

/// <summary>Naming answers from their bytes alone: TLS records, SMB1, RDP refusals, and bytes that must not be over-read.</summary>
public class ProbeRepliesTests
{
    [Fact]
    public void TlsAlert_IsTls_WithTheAlertNamed()
    {
        byte[] alert = [0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28];

        Assert.Equal(ServiceProtocol.Tls, ProbeReplies.Identify(alert, ServiceProbe.TlsClientHello));
        Assert.True(ProbeReplies.IsWhole(alert, ServiceProbe.TlsClientHello));
        Assert.Equal("TLS alert: handshake_failure (40)", ProbeReplies.Describe(alert, ServiceProtocol.Tls));
    }

    [Fact]
    public void ServerHello_Tls12_ByItsLegacyVersion_Tls13_ByItsSupportedVersions()
    {
        Assert.Equal("TLS ServerHello, TLS 1.2", ProbeReplies.Describe(ServerHello(extensions: []), ServiceProtocol.Tls));
        Assert.Equal("TLS ServerHello, TLS 1.3", ProbeReplies.Describe(ServerHello(extensions: [0x00, 0x2B, 0x00, 0x02, 0x03, 0x04]), ServiceProtocol.Tls));
    }

    [Fact]
    public void ServerHello_WithALyingExtensionLength_IsReadWithinTheBytesAtHand()
    {
        var hello = ServerHello(extensions: [0x00, 0x2B, 0xFF, 0xFF]);

        Assert.Equal("TLS ServerHello, TLS 1.2", ProbeReplies.Describe(hello, ServiceProtocol.Tls));
    }

    [Fact]
    public void RecordCutShort_IsNotWhole()
    {
        var hello = ServerHello(extensions: []);

        Assert.False(ProbeReplies.IsWhole(hello.AsSpan(0, 20), ServiceProbe.TlsClientHello));
        Assert.True(ProbeReplies.IsWhole(hello, ServiceProbe.TlsClientHello));
        Assert.Equal("TLS ServerHello, TLS 1.2", ProbeReplies.Describe(hello.AsSpan(0, 20), ServiceProtocol.Tls)); // the version comes early
    }

    [Fact]
    public void Smb1Answer_IsSmb()
    {
        byte[] smb1 = [0x00, 0x00, 0x00, 0x25, 0xFF, (byte)'S', (byte)'M', (byte)'B', 0x72, 0, 0, 0, 0];

        Assert.Equal(ServiceProtocol.Smb, ProbeReplies.Identify(smb1, ServiceProbe.SmbNegotiate));
        Assert.StartsWith("SMB1", ProbeReplies.Describe(smb1, ServiceProtocol.Smb), StringComparison.Ordinal);
    }

    [Fact]
    public void RdpNegotiationFailure_IsRdp_WithTheCode()
    {
        // RDP_NEG_FAILURE: SSL_REQUIRED_BY_SERVER (1), as a server that refuses standard RDP security answers.
        byte[] failure = [0x03, 0x00, 0x00, 0x13, 0x0E, 0xD0, 0x00, 0x00, 0x12, 0x34, 0x00, 0x03, 0x00, 0x08, 0x00, 0x01, 0x00, 0x00, 0x00];

        Assert.Equal(ServiceProtocol.Rdp, ProbeReplies.Identify(failure, ServiceProbe.RdpConnectionRequest));
        Assert.Equal("RDP, negotiation refused (failure code 1)", ProbeReplies.Describe(failure, ServiceProtocol.Rdp));
    }

    [Theory]
    [InlineData(new byte[] { (byte)'S' })] // PostgreSQL's answer, but nothing asked for it
    [InlineData(new byte[] { (byte)'-', (byte)'E', (byte)'R', (byte)'R', (byte)' ', (byte)'x', (byte)'\n' })] // "-ERR" is Redis only after PING
    [InlineData(new byte[] { 0x30, 0x84, 0xFF, 0xFF, 0xFF, 0xFF, 0x02 })] // a BER length of 4 bytes: not read
    [InlineData(new byte[] { 0x03, 0x00 })] // two bytes of a TPKT header
    public void BytesThatOnlyLookLikeAnAnswer_AreUnknown(byte[] reply)
    {
        Assert.Equal(ServiceProtocol.Unknown, ProbeReplies.Identify(reply, ServiceProbe.HttpHead));
    }

    [Fact]
    public void HttpHeaders_AreWholeAtTheBlankLine_NotAtTheFirstLine()
    {
        Assert.False(ProbeReplies.IsWhole("HTTP/1.1 200 OK\r\nServer: x\r\n"u8, ServiceProbe.HttpHead));
        Assert.True(ProbeReplies.IsWhole("HTTP/1.1 200 OK\r\nServer: x\r\n\r\n"u8, ServiceProbe.HttpHead));
    }

    /// <summary>A TLS 1.2-form ServerHello record with the given extensions block content.</summary>
    private static byte[] ServerHello(byte[] extensions)
    {
        byte[] body = [0x03, 0x03, .. new byte[32], 0x00, 0xC0, 0x2F, 0x00, (byte)(extensions.Length >> 8), (byte)extensions.Length, .. extensions];
        byte[] handshake = [0x02, 0x00, (byte)(body.Length >> 8), (byte)body.Length, .. body];
        return [0x16, 0x03, 0x03, (byte)(handshake.Length >> 8), (byte)handshake.Length, .. handshake];
    }
}
