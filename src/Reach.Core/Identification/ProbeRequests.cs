using System.Buffers.Binary;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Reach.Identification;

/// <summary>
/// The bytes of each <see cref="ServiceProbe"/>, built from the protocols' documents. Each is the protocol's first
/// client message and nothing more: reach reads the answer, names the protocol and closes.
/// </summary>
public static class ProbeRequests
{
    public static byte[] For(ServiceProbe probe, string host) => probe switch
    {
        ServiceProbe.HttpHead => HttpHead(host),
        ServiceProbe.TlsClientHello => TlsClientHello(host),
        ServiceProbe.RedisPing => "*1\r\n$4\r\nPING\r\n"u8.ToArray(), // RESP array: PING, as redis-cli sends it
        ServiceProbe.PostgresSslRequest => [0, 0, 0, 8, 0x04, 0xD2, 0x16, 0x2F], // length 8, code 80877103
        ServiceProbe.RdpConnectionRequest => RdpConnectionRequest,
        ServiceProbe.SmbNegotiate => SmbNegotiate(),
        ServiceProbe.LdapRootDse => LdapRootDse,
        ServiceProbe.XmppStream => XmppStream(host),
        _ => throw new ArgumentOutOfRangeException(nameof(probe), probe, "not a probe"),
    };

    /// <summary><c>HEAD /</c>: the headers of the front page, no body. The Host is the name as given (IPv6 in brackets).</summary>
    public static byte[] HttpHead(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var name = IPAddress.TryParse(host, out var address) && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            ? $"[{host}]"
            : host;
        return Encoding.ASCII.GetBytes($"HEAD / HTTP/1.1\r\nHost: {name}\r\nUser-Agent: reach\r\nAccept: */*\r\nConnection: close\r\n\r\n");
    }

    /// <summary>
    /// An XMPP client stream open (RFC 6120 §4.2), as a client's first bytes: the server answers with its own stream
    /// header (and its features), or with a stream error that names why (host-unknown). The name is XML-escaped.
    /// </summary>
    public static byte[] XmppStream(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var to = System.Security.SecurityElement.Escape(host);
        return Encoding.UTF8.GetBytes($"<?xml version='1.0'?><stream:stream to='{to}' version='1.0' xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>");
    }

    /// <summary>
    /// TPKT (RFC 1006) + X.224 Connection Request + RDP_NEG_REQ asking for TLS or CredSSP (MS-RDPBCGR 2.2.1.1):
    /// 19 bytes, what mstsc sends before anything else.
    /// </summary>
    private static readonly byte[] RdpConnectionRequest =
    [
        0x03, 0x00, 0x00, 0x13, // TPKT version 3, length 19
        0x0E, 0xE0, 0x00, 0x00, 0x00, 0x00, 0x00, // X.224: length 14, CR, dst-ref, src-ref, class 0
        0x01, 0x00, 0x08, 0x00, 0x03, 0x00, 0x00, 0x00, // RDP_NEG_REQ: type 1, flags 0, length 8, PROTOCOL_SSL | PROTOCOL_HYBRID
    ];

    /// <summary>
    /// LDAPv3 SearchRequest (RFC 4511 §4.5.1) of the root DSE: base "", scope base, filter (objectClass=*), message 1.
    /// Servers answer it without a bind (RFC 4512 §5.1).
    /// </summary>
    private static readonly byte[] LdapRootDse = BuildLdapRootDse();

    private static byte[] BuildLdapRootDse()
    {
        byte[] search =
        [
            0x04, 0x00, // baseObject ""
            0x0A, 0x01, 0x00, // scope baseObject
            0x0A, 0x01, 0x00, // derefAliases neverDerefAliases
            0x02, 0x01, 0x00, // sizeLimit 0
            0x02, 0x01, 0x00, // timeLimit 0
            0x01, 0x01, 0x00, // typesOnly FALSE
            0x87, 0x0B, .. "objectClass"u8, // filter: present objectClass
            0x30, 0x00, // attributes: all user attributes
        ];
        byte[] message = [0x02, 0x01, 0x01, 0x63, (byte)search.Length, .. search]; // messageID 1, [APPLICATION 3]
        return [0x30, (byte)message.Length, .. message];
    }

    /// <summary>
    /// An SMB2 NEGOTIATE (MS-SMB2 2.2.3) behind a NetBIOS session header (RFC 1002 §4.3.1, as on port 445), offering
    /// 2.0.2, 2.1, 3.0 and 3.0.2 (3.1.1 needs negotiate contexts, not needed to name the protocol).
    /// </summary>
    private static byte[] SmbNegotiate()
    {
        ushort[] dialects = [0x0202, 0x0210, 0x0300, 0x0302];
        const int HeaderSize = 64;
        const int BodySize = 36;
        var smb = new byte[HeaderSize + BodySize + (dialects.Length * 2)];
        ((ReadOnlySpan<byte>)[0xFE, (byte)'S', (byte)'M', (byte)'B']).CopyTo(smb); // ProtocolId
        BinaryPrimitives.WriteUInt16LittleEndian(smb.AsSpan(4), HeaderSize); // StructureSize
        // Command 0 (NEGOTIATE), credits, flags, message id 0: all zero.
        var body = smb.AsSpan(HeaderSize);
        BinaryPrimitives.WriteUInt16LittleEndian(body, BodySize); // StructureSize
        BinaryPrimitives.WriteUInt16LittleEndian(body[2..], (ushort)dialects.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(body[4..], 1); // SecurityMode: signing enabled
        RandomNumberGenerator.Fill(body.Slice(12, 16)); // ClientGuid
        for (var i = 0; i < dialects.Length; i++)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(body[(BodySize + (i * 2))..], dialects[i]);
        }

        var packet = new byte[4 + smb.Length];
        BinaryPrimitives.WriteInt32BigEndian(packet, smb.Length); // NetBIOS session message: type 0, 24-bit length
        smb.CopyTo(packet, 4);
        return packet;
    }

    /// <summary>
    /// A ClientHello (RFC 8446 §4.1.2) offering TLS 1.3 and 1.2 with the common suites and groups, SNI when the target
    /// is a name, and an empty key share: a TLS 1.3 server answers with a HelloRetryRequest, a TLS 1.2 server with its
    /// ServerHello, anything else TLS with an alert. Enough to know TLS answered; the real handshake is SslStream's.
    /// </summary>
    public static byte[] TlsClientHello(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var extensions = new List<byte>();
        if (!IPAddress.TryParse(host, out _) && host.Length is > 0 and < 250 && Ascii.IsValid(host))
        {
            var name = Encoding.ASCII.GetBytes(host.TrimEnd('.'));
            Extension(extensions, 0x0000, [.. U16(name.Length + 3), 0x00, .. U16(name.Length), .. name]); // server_name
        }

        Extension(extensions, 0x000A, [0x00, 0x06, 0x00, 0x1D, 0x00, 0x17, 0x00, 0x18]); // supported_groups: x25519, P-256, P-384
        Extension(extensions, 0x000B, [0x01, 0x00]); // ec_point_formats: uncompressed
        Extension(extensions, 0x000D, [0x00, 0x10, 0x04, 0x03, 0x08, 0x04, 0x04, 0x01, 0x05, 0x03, 0x08, 0x05, 0x05, 0x01, 0x08, 0x06, 0x06, 0x01]); // signature_algorithms
        Extension(extensions, 0x002B, [0x04, 0x03, 0x04, 0x03, 0x03]); // supported_versions: TLS 1.3, 1.2
        Extension(extensions, 0x0033, [0x00, 0x00]); // key_share: none offered (a 1.3 server asks again)

        byte[] suites = [0x13, 0x01, 0x13, 0x02, 0x13, 0x03, 0xC0, 0x2B, 0xC0, 0x2F, 0xC0, 0x2C, 0xC0, 0x30, 0xCC, 0xA9, 0xCC, 0xA8, 0xC0, 0x13, 0xC0, 0x14, 0x00, 0x9C, 0x00, 0x9D, 0x00, 0x2F, 0x00, 0x35];
        var random = RandomNumberGenerator.GetBytes(32);
        byte[] hello = [0x03, 0x03, .. random, 0x00, .. U16(suites.Length), .. suites, 0x01, 0x00, .. U16(extensions.Count), .. extensions];
        byte[] handshake = [0x01, (byte)(hello.Length >> 16), (byte)(hello.Length >> 8), (byte)hello.Length, .. hello];
        return [0x16, 0x03, 0x01, .. U16(handshake.Length), .. handshake];
    }

    private static void Extension(List<byte> extensions, ushort type, byte[] data)
    {
        extensions.AddRange(U16(type));
        extensions.AddRange(U16(data.Length));
        extensions.AddRange(data);
    }

    private static byte[] U16(int value) => [(byte)(value >> 8), (byte)value];
}
