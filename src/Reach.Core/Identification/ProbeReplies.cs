using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Reach.Identification;

/// <summary>
/// Names the protocol of what answered a <see cref="ServiceProbe"/> (or a greeting, when nothing was sent) and says
/// it in one printable line. Binary answers are read only within their own declared lengths and the bytes at hand.
/// </summary>
public static class ProbeReplies
{
    /// <summary>The protocol the bytes start; <paramref name="sent"/>: the probe they answer (null: none was sent).</summary>
    public static ServiceProtocol Identify(ReadOnlySpan<byte> reply, ServiceProbe? sent)
    {
        var greeting = BannerIdentifier.Identify(reply);
        if (greeting != ServiceProtocol.Unknown)
        {
            return greeting;
        }

        if (IsTlsRecord(reply))
        {
            return ServiceProtocol.Tls;
        }

        if (IsSmb(reply))
        {
            return ServiceProtocol.Smb;
        }

        if (IsRdp(reply))
        {
            return ServiceProtocol.Rdp;
        }

        if (IsLdap(reply))
        {
            return ServiceProtocol.Ldap;
        }

        if (IsXmpp(reply))
        {
            return ServiceProtocol.Xmpp;
        }

        if (IsRedis(reply, sent))
        {
            return ServiceProtocol.Redis;
        }

        return sent == ServiceProbe.PostgresSslRequest && reply[0] is (byte)'S' or (byte)'N' or (byte)'E'
            ? ServiceProtocol.PostgreSql
            : ServiceProtocol.Unknown;
    }

    /// <summary>True when the answer is whole enough to name and show (its first line, or its binary header).</summary>
    public static bool IsWhole(ReadOnlySpan<byte> reply, ServiceProbe? sent)
    {
        if (reply.IsEmpty)
        {
            return false;
        }

        if (reply.StartsWith("HTTP/"u8))
        {
            return reply.IndexOf("\r\n\r\n"u8) >= 0 || reply.IndexOf("\n\n"u8) >= 0; // the headers, for Server:
        }

        if (sent == ServiceProbe.PostgresSslRequest && reply[0] is (byte)'S' or (byte)'N')
        {
            return true;
        }

        if (IsTlsRecord(reply))
        {
            return reply.Length >= 5 + BinaryPrimitives.ReadUInt16BigEndian(reply[3..]);
        }

        if (IsRdp(reply))
        {
            return reply.Length >= BinaryPrimitives.ReadUInt16BigEndian(reply[2..]);
        }

        if (IsSmb(reply))
        {
            return reply.Length >= 4 + (BinaryPrimitives.ReadInt32BigEndian(reply) & 0xFFFFFF);
        }

        if (IsXmpp(reply))
        {
            // The server's stream header is whole at the '>' that closes it.
            var header = reply.IndexOf("<stream:stream"u8);
            return header >= 0 && reply[header..].IndexOf((byte)'>') >= 0;
        }

        if (reply[0] == 0x30 && BerLength(reply[1..]) is { } ber)
        {
            return reply.Length >= 1 + ber.HeaderBytes + ber.Length;
        }

        return BannerReader.HasWholeGreeting(reply);
    }

    /// <summary>One printable line for an answer of a binary protocol; null for the text protocols (their first line is it).</summary>
    public static string? Describe(ReadOnlySpan<byte> reply, ServiceProtocol protocol) => protocol switch
    {
        ServiceProtocol.Tls => DescribeTls(reply),
        ServiceProtocol.Smb => DescribeSmb(reply),
        ServiceProtocol.Rdp => DescribeRdp(reply),
        ServiceProtocol.Ldap => DescribeLdap(reply),
        ServiceProtocol.Xmpp => DescribeXmpp(reply),
        ServiceProtocol.PostgreSql => reply[0] switch
        {
            (byte)'S' => "PostgreSQL: SSL supported (SSLRequest answered S)",
            (byte)'N' => "PostgreSQL: SSL not enabled (SSLRequest answered N)",
            _ => "PostgreSQL: an error answered the SSLRequest",
        },
        _ => null,
    };

    /// <summary>A TLS record header: handshake (22) or alert (21), version 3.x.</summary>
    private static bool IsTlsRecord(ReadOnlySpan<byte> reply) =>
        reply.Length >= 5 && reply[0] is 0x16 or 0x15 && reply[1] == 3 && reply[2] <= 4;

    /// <summary>A NetBIOS session message holding an SMB2 (0xFE) or SMB1 (0xFF) header.</summary>
    private static bool IsSmb(ReadOnlySpan<byte> reply) =>
        reply.Length >= 8 && reply[0] == 0 && reply[4] is 0xFE or 0xFF && reply[5..8].SequenceEqual("SMB"u8);

    /// <summary>TPKT version 3 holding an X.224 Connection Confirm (0xD0).</summary>
    private static bool IsRdp(ReadOnlySpan<byte> reply) =>
        reply.Length >= 6 && reply[0] == 3 && reply[1] == 0 && (reply[5] & 0xF0) == 0xD0;

    /// <summary>An LDAPMessage for message 1: SEQUENCE, INTEGER 1, then a search result or an extended response.</summary>
    private static bool IsLdap(ReadOnlySpan<byte> reply)
    {
        if (reply.Length < 7 || reply[0] != 0x30 || BerLength(reply[1..]) is not { } outer)
        {
            return false;
        }

        var message = reply[(1 + outer.HeaderBytes)..];
        return message.Length >= 4 && message[0] == 0x02 && message[1] == 0x01 && message[2] == 0x01
            && message[3] is 0x64 or 0x65 or 0x78; // SearchResultEntry, SearchResultDone, ExtendedResponse (notice of disconnection)
    }

    /// <summary>An XML stream in the XMPP namespace (RFC 6120 §4.2): a stream header, or a stream error before one.</summary>
    private static bool IsXmpp(ReadOnlySpan<byte> reply) =>
        reply[0] == (byte)'<' && reply.IndexOf("http://etherx.jabber.org/streams"u8) >= 0;

    /// <summary><c>XMPP stream from reach.test</c>, <c>XMPP stream error: host-unknown</c>.</summary>
    private static string DescribeXmpp(ReadOnlySpan<byte> reply)
    {
        var text = Encoding.UTF8.GetString(reply[..Math.Min(reply.Length, 2048)]);
        var header = text.IndexOf("<stream:stream", StringComparison.Ordinal);
        var end = header < 0 ? -1 : text.IndexOf('>', header);
        var from = end < 0 ? null : Attribute(text[header..end], "from");
        var errorAt = text.IndexOf("<stream:error>", StringComparison.Ordinal);
        string? error = null;
        if (errorAt >= 0 && text.IndexOf('<', errorAt + 14) is var start and >= 0)
        {
            var name = text[(start + 1)..];
            error = name[..Math.Max(0, name.IndexOfAny([' ', '/', '>']))];
        }

        var described = from is null ? "XMPP stream" : $"XMPP stream from {from}";
        return Text.Printable.OneLine(error is { Length: > 0 } ? $"{described}, stream error: {error}" : described, 200);
    }

    /// <summary>An attribute's value in a start tag, quoted either way; null when absent.</summary>
    private static string? Attribute(string tag, string name)
    {
        foreach (var quote in (char[])['\'', '"'])
        {
            var at = tag.IndexOf($" {name}={quote}", StringComparison.Ordinal);
            if (at >= 0)
            {
                var start = at + name.Length + 3;
                var stop = tag.IndexOf(quote, start);
                return stop < 0 ? null : tag[start..stop];
            }
        }

        return null;
    }

    private static bool IsRedis(ReadOnlySpan<byte> reply, ServiceProbe? sent) =>
        reply.StartsWith("+PONG"u8) || reply.StartsWith("-NOAUTH"u8) || reply.StartsWith("-DENIED"u8) || reply.StartsWith("-WRONGPASS"u8)
        || (sent == ServiceProbe.RedisPing && reply.StartsWith("-ERR"u8));

    /// <summary>A BER definite length: short form, or long form of up to 3 bytes.</summary>
    private static (int Length, int HeaderBytes)? BerLength(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return null;
        }

        if (bytes[0] < 0x80)
        {
            return (bytes[0], 1);
        }

        var count = bytes[0] & 0x7F;
        if (count is 0 or > 3 || bytes.Length < 1 + count)
        {
            return null;
        }

        var length = 0;
        for (var i = 1; i <= count; i++)
        {
            length = (length << 8) | bytes[i];
        }

        return (length, 1 + count);
    }

    private static string DescribeTls(ReadOnlySpan<byte> reply)
    {
        if (reply[0] == 0x15)
        {
            return reply.Length >= 7
                ? $"TLS alert: {AlertName(reply[6])} ({reply[6].ToString(CultureInfo.InvariantCulture)})"
                : "TLS alert";
        }

        // Handshake record: ServerHello is type 2, its legacy version then 32 random bytes follow.
        if (reply.Length < 11 || reply[5] != 2)
        {
            return "TLS handshake";
        }

        var version = ServerHelloVersion(reply[9..]);
        return version is null ? "TLS ServerHello" : $"TLS ServerHello, {version}";
    }

    /// <summary>The version a ServerHello picks: its supported_versions extension (TLS 1.3), else its legacy version.</summary>
    private static string? ServerHelloVersion(ReadOnlySpan<byte> hello)
    {
        var legacy = hello.Length >= 2 ? BinaryPrimitives.ReadUInt16BigEndian(hello) : (ushort)0;
        var at = 2 + 32; // version, random
        if (hello.Length > at)
        {
            at += 1 + hello[at]; // session id
            at += 2 + 1; // cipher suite, compression
            if (hello.Length >= at + 2)
            {
                var end = Math.Min(hello.Length, at + 2 + BinaryPrimitives.ReadUInt16BigEndian(hello[at..]));
                at += 2;
                while (at + 4 <= end)
                {
                    var type = BinaryPrimitives.ReadUInt16BigEndian(hello[at..]);
                    var length = BinaryPrimitives.ReadUInt16BigEndian(hello[(at + 2)..]);
                    if (type == 0x002B && length == 2 && at + 6 <= end)
                    {
                        return VersionName(BinaryPrimitives.ReadUInt16BigEndian(hello[(at + 4)..]));
                    }

                    at += 4 + length;
                }
            }
        }

        return legacy == 0 ? null : VersionName(legacy);
    }

    private static string VersionName(ushort version) => version switch
    {
        0x0304 => "TLS 1.3",
        0x0303 => "TLS 1.2",
        0x0302 => "TLS 1.1",
        0x0301 => "TLS 1.0",
        0x0300 => "SSL 3.0",
        _ => $"version 0x{version:x4}",
    };

    private static string AlertName(byte code) => code switch
    {
        10 => "unexpected_message",
        40 => "handshake_failure",
        47 => "illegal_parameter",
        50 => "decode_error",
        70 => "protocol_version",
        71 => "insufficient_security",
        80 => "internal_error",
        112 => "unrecognized_name",
        120 => "no_application_protocol",
        _ => "alert",
    };

    private static string DescribeSmb(ReadOnlySpan<byte> reply)
    {
        if (reply[4] == 0xFF)
        {
            return "SMB1 (NT LM 0.12 era)";
        }

        // SMB2 header (64 bytes), then the NEGOTIATE response: StructureSize, SecurityMode, DialectRevision.
        const int Dialect = 4 + 64 + 4;
        if (reply.Length < Dialect + 2 || BinaryPrimitives.ReadUInt16LittleEndian(reply[(4 + 12)..]) != 0)
        {
            return "SMB2";
        }

        var dialect = BinaryPrimitives.ReadUInt16LittleEndian(reply[Dialect..]);
        return dialect switch
        {
            0x0202 => "SMB2, dialect 2.0.2",
            0x0210 => "SMB2, dialect 2.1",
            0x0300 => "SMB3, dialect 3.0",
            0x0302 => "SMB3, dialect 3.0.2",
            0x0311 => "SMB3, dialect 3.1.1",
            0x02FF => "SMB2 (wildcard dialect)",
            _ => $"SMB2, dialect 0x{dialect:x4}",
        };
    }

    private static string DescribeRdp(ReadOnlySpan<byte> reply)
    {
        // After TPKT (4) and the X.224 CC header (7): RDP_NEG_RSP (type 2) or RDP_NEG_FAILURE (type 3), 8 bytes.
        const int Negotiation = 11;
        if (reply.Length < Negotiation + 8)
        {
            return "RDP (X.224 connection confirm, no security negotiation: standard RDP security)";
        }

        var value = BinaryPrimitives.ReadUInt32LittleEndian(reply[(Negotiation + 4)..]);
        return reply[Negotiation] switch
        {
            2 => $"RDP, security: {RdpProtocol(value)}",
            3 => $"RDP, negotiation refused (failure code {value.ToString(CultureInfo.InvariantCulture)})",
            _ => "RDP (X.224 connection confirm)",
        };
    }

    private static string RdpProtocol(uint selected) => selected switch
    {
        0 => "standard RDP",
        1 => "TLS",
        2 => "CredSSP (NLA)",
        4 => "RDSTLS",
        8 => "CredSSP with early user authorization",
        _ => $"0x{selected:x}",
    };

    private static string DescribeLdap(ReadOnlySpan<byte> reply)
    {
        var outer = BerLength(reply[1..])!.Value;
        var op = reply[1 + outer.HeaderBytes + 3];
        return op switch
        {
            0x64 => "LDAP: the root DSE answered",
            0x65 => "LDAP: the root DSE search ended with no entry",
            _ => "LDAP: notice of disconnection",
        };
    }

    /// <summary>The first line of a text answer (for HTTP, with its Server header), not yet escaped.</summary>
    internal static string TextLine(ReadOnlySpan<byte> reply)
    {
        var lineEnd = reply.IndexOfAny((byte)'\r', (byte)'\n');
        var line = Decode(lineEnd < 0 ? reply : reply[..lineEnd]);
        return reply.StartsWith("HTTP/"u8) && HeaderValue(reply, "server"u8) is { } server
            ? line + " · Server: " + Decode(server)
            : line;
    }

    /// <summary>An HTTP header's value from the bytes at hand (name matched ignoring ASCII case).</summary>
    private static byte[]? HeaderValue(ReadOnlySpan<byte> reply, ReadOnlySpan<byte> name)
    {
        var rest = reply;
        while (rest.IndexOf((byte)'\n') is var end and >= 0)
        {
            rest = rest[(end + 1)..];
            var lineEnd = rest.IndexOfAny((byte)'\r', (byte)'\n');
            var line = lineEnd < 0 ? rest : rest[..lineEnd];
            if (line.Length > name.Length && line[name.Length] == (byte)':' && Ascii.EqualsIgnoreCase(line[..name.Length], name))
            {
                return line[(name.Length + 1)..].Trim((byte)' ').ToArray();
            }

            if (line.IsEmpty)
            {
                break; // end of the headers
            }
        }

        return null;
    }

    /// <summary>
    /// Latin-1 maps every byte to one character, so nothing is lost before escaping; valid UTF-8 (rare: the protocols
    /// are ASCII) shows its letters rather than mojibake.
    /// </summary>
    internal static string Decode(ReadOnlySpan<byte> bytes) =>
        System.Text.Unicode.Utf8.IsValid(bytes) ? Encoding.UTF8.GetString(bytes) : Encoding.Latin1.GetString(bytes);
}
