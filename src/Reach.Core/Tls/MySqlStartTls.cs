using System.Buffers.Binary;
using Reach.Identification;

namespace Reach.Tls;

/// <summary>
/// MySQL's (and MariaDB's) upgrade: the server greets with its protocol-10 handshake, whose capability flags say
/// whether it offers SSL; the client answers with an SSLRequest (a HandshakeResponse41 cut after the character set),
/// then starts TLS. The greeting is read by the length its header announces, nothing more.
/// </summary>
internal static class MySqlStartTls
{
    private const uint ClientLongPassword = 0x0001;
    private const uint ClientProtocol41 = 0x0200;
    private const uint ClientSsl = 0x0800;
    private const uint ClientSecureConnection = 0x8000;

    /// <summary>The largest packet the client will take (16 MiB, what the mysql client asks for).</summary>
    private const int MaxPacketSize = 1 << 24;

    /// <summary>utf8_general_ci: every server since 4.1 knows it (as openssl s_client -starttls mysql sends).</summary>
    private const byte Charset = 33;

    public static async Task NegotiateAsync(Stream stream, CancellationToken cancellationToken)
    {
        var header = new byte[MySqlPacket.HeaderLength];
        await StartTlsIo.ReadExactlyAsync(stream, header, "sending its handshake", cancellationToken).ConfigureAwait(false);
        if (header[3] != 0 || MySqlPacket.PayloadLength(header) < 2)
        {
            throw new StartTlsException($"not a MySQL server: it greeted with {await StartTlsIo.QuoteAsync(stream, header, cancellationToken).ConfigureAwait(false)}");
        }

        var length = MySqlPacket.PayloadLength(header);
        if (length > MySqlPacket.MaxGreeting)
        {
            throw new StartTlsException($"the server announced a {length}-byte MySQL handshake, more than reach reads ({MySqlPacket.MaxGreeting}): not a MySQL server?");
        }

        var payload = new byte[length];
        await StartTlsIo.ReadExactlyAsync(stream, payload, "its handshake", cancellationToken).ConfigureAwait(false);
        if (payload[0] == MySqlPacket.ErrorMarker)
        {
            throw new StartTlsException($"the MySQL server refused the connection: {Error(payload)}");
        }

        var flags = Capabilities(payload) ?? throw new StartTlsException($"not a MySQL protocol-10 handshake: {StartTlsIo.Quote(payload)}");
        if ((flags & ClientSsl) == 0)
        {
            throw new StartTlsException($"the MySQL server does not offer SSL ({StartTlsIo.Message(MySqlPacket.Version(payload))})");
        }

        await stream.WriteAsync(SslRequest(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The handshake's lower capability flags (which hold CLIENT_SSL), or null when it is not one.</summary>
    private static uint? Capabilities(ReadOnlySpan<byte> payload)
    {
        var version = MySqlPacket.Version(payload);
        if (version.IsEmpty)
        {
            return null;
        }

        // version, its NUL, thread id (4), auth-plugin-data part 1 (8), a filler (1), then the flags (2).
        var at = 1 + version.Length + 1 + 4 + 8 + 1;
        return payload.Length >= at + 2 ? BinaryPrimitives.ReadUInt16LittleEndian(payload[at..]) : null;
    }

    /// <summary>An ERR packet: 0xFF, a 2-byte code, an optional <c>#</c> and 5-character SQL state, the message.</summary>
    private static string Error(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < 3)
        {
            return "an error packet without a code";
        }

        var code = BinaryPrimitives.ReadUInt16LittleEndian(payload[1..]);
        var message = payload[3..];
        if (message.Length >= 6 && message[0] == (byte)'#')
        {
            message = message[6..];
        }

        return $"ERROR {code}: {StartTlsIo.Message(message)}";
    }

    /// <summary>Sequence 1 (the answer to the greeting): flags, max packet size, character set, 23 reserved zeros.</summary>
    private static byte[] SslRequest()
    {
        const int PayloadLength = 32;
        var packet = new byte[MySqlPacket.HeaderLength + PayloadLength];
        packet[0] = PayloadLength;
        packet[3] = 1;
        BinaryPrimitives.WriteUInt32LittleEndian(packet.AsSpan(4), ClientLongPassword | ClientProtocol41 | ClientSsl | ClientSecureConnection);
        BinaryPrimitives.WriteInt32LittleEndian(packet.AsSpan(8), MaxPacketSize);
        packet[12] = Charset;
        return packet;
    }
}
