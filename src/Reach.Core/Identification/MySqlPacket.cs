namespace Reach.Identification;

/// <summary>
/// MySQL's packet framing and its server greeting (the protocol-10 handshake), shared by the banner and STARTTLS:
/// a 3-byte little-endian payload length and a sequence number, then the payload. The greeting is the first packet,
/// sequence 0: protocol version 10 and a NUL-terminated version string, or an error packet (0xFF) instead.
/// </summary>
internal static class MySqlPacket
{
    public const int HeaderLength = 4;

    /// <summary>The longest greeting believed (a real handshake is under 100 bytes; an error packet a few hundred).</summary>
    public const int MaxGreeting = 1 << 16;

    public const byte ProtocolVersion10 = 10;

    public const byte ErrorMarker = 0xFF;

    /// <summary>The header's payload length (the first three bytes, little-endian).</summary>
    public static int PayloadLength(ReadOnlySpan<byte> header) => header[0] | (header[1] << 8) | (header[2] << 16);

    /// <summary>A server greeting's header: sequence 0 and a payload of 2 to <see cref="MaxGreeting"/> bytes.</summary>
    public static bool IsGreetingHeader(ReadOnlySpan<byte> header) =>
        header.Length >= HeaderLength && header[3] == 0 && PayloadLength(header) is >= 2 and <= MaxGreeting;

    /// <summary>A protocol-10 handshake payload's version string (without its NUL), or empty when it has none.</summary>
    public static ReadOnlySpan<byte> Version(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < 2 || payload[0] != ProtocolVersion10)
        {
            return [];
        }

        var end = payload[1..].IndexOf((byte)0);
        return end < 0 ? [] : payload.Slice(1, end);
    }
}
