using System.Buffers.Binary;
using System.Text;

namespace Reach.Identification;

/// <summary>
/// Names the protocol a server-speaks-first greeting starts, from its bytes alone: the greetings are fixed by each
/// protocol's RFC or wire format (SSH RFC 4253 §4.2, SMTP RFC 5321 §4.2, FTP RFC 959, POP3 RFC 1939, IMAP RFC 9051,
/// MySQL's protocol-10 handshake, RFB RFC 6143 §7.1.1, telnet's IAC negotiation RFC 854).
/// </summary>
public static class BannerIdentifier
{
    private const byte TelnetIac = 0xFF;

    public static ServiceProtocol Identify(ReadOnlySpan<byte> greeting)
    {
        if (greeting.IsEmpty)
        {
            return ServiceProtocol.Unknown;
        }

        if (greeting.StartsWith("SSH-"u8))
        {
            return ServiceProtocol.Ssh;
        }

        if (greeting.StartsWith("RFB "u8))
        {
            return ServiceProtocol.Vnc;
        }

        if (greeting.StartsWith("+OK"u8))
        {
            return ServiceProtocol.Pop3;
        }

        if (greeting.StartsWith("* OK"u8) || greeting.StartsWith("* PREAUTH"u8))
        {
            return ServiceProtocol.Imap;
        }

        if (greeting.StartsWith("HTTP/1."u8))
        {
            return ServiceProtocol.Http;
        }

        if (greeting[0] == TelnetIac && greeting.Length >= 2 && greeting[1] is >= 0xFB and <= 0xFE)
        {
            return ServiceProtocol.Telnet; // IAC WILL/WONT/DO/DONT: option negotiation
        }

        if (IsMySqlHandshake(greeting))
        {
            return ServiceProtocol.MySql;
        }

        return greeting.StartsWith("220"u8) ? Identify220(greeting) : ServiceProtocol.Unknown;
    }

    /// <summary>SMTP and FTP both greet with 220: the text after it tells them apart, SMTP by default.</summary>
    private static ServiceProtocol Identify220(ReadOnlySpan<byte> greeting)
    {
        var end = greeting.IndexOfAny((byte)'\r', (byte)'\n');
        var line = Encoding.Latin1.GetString(end < 0 ? greeting : greeting[..end]);
        if (line.Contains("SMTP", StringComparison.OrdinalIgnoreCase) || line.Contains("mail", StringComparison.OrdinalIgnoreCase))
        {
            return ServiceProtocol.Smtp;
        }

        return line.Contains("FTP", StringComparison.OrdinalIgnoreCase) ? ServiceProtocol.Ftp : ServiceProtocol.Smtp;
    }

    /// <summary>
    /// A MySQL/MariaDB server's first packet: a 3-byte little-endian length, sequence 0, protocol version 10, then a
    /// NUL-terminated version string. (An error packet, 0xFF, is sent instead when the host is not allowed.)
    /// </summary>
    private static bool IsMySqlHandshake(ReadOnlySpan<byte> greeting)
    {
        if (greeting.Length < 6 || !MySqlPacket.IsGreetingHeader(greeting))
        {
            return false;
        }

        if (greeting[4] == MySqlPacket.ErrorMarker)
        {
            return greeting.Length >= 7 && BinaryPrimitives.ReadUInt16LittleEndian(greeting[5..]) is >= 1000 and < 3000; // ER_HOST_NOT_PRIVILEGED and kin
        }

        return !MySqlPacket.Version(greeting[4..]).IsEmpty;
    }
}
