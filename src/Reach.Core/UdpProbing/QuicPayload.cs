using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Reach.UdpProbing;

/// <summary>
/// QUIC (RFC 9000, RFC 8999): a long-header Initial of a reserved version (0x?a?a?a?a, RFC 9000 §15), padded to the
/// 1200 bytes a server needs before it answers. No server speaks that version, so it answers a Version Negotiation
/// packet (version 0) listing the versions it does, with its source connection id echoing our destination one.
/// </summary>
public sealed class QuicPayload : IUdpPayload
{
    private const int DatagramLength = 1200;
    private const uint ReservedVersion = 0x1A2A3A4A;
    private const int ConnectionIdLength = 8;
    private const int MostVersionsShown = 12;
    private static readonly int[] DefaultPorts = [443];

    public UdpProtocol Protocol => UdpProtocol.Quic;

    public IReadOnlyList<int> Ports => DefaultPorts;

    public byte[] Build(UdpProbeContext context)
    {
        var datagram = new byte[DatagramLength];
        var span = datagram.AsSpan();
        span[0] = 0xC0;                                              // long header, fixed bit, Initial, 1-byte packet number
        BinaryPrimitives.WriteUInt32BigEndian(span[1..], ReservedVersion);
        span[5] = ConnectionIdLength;
        WriteDestinationId(context, span.Slice(6, ConnectionIdLength));
        span[14] = ConnectionIdLength;
        "reach-sc"u8.CopyTo(span[15..]);                             // source connection id
        const int TokenLengthAt = 15 + ConnectionIdLength;           // token length 0 (a 1-byte varint)
        BinaryPrimitives.WriteUInt16BigEndian(span[(TokenLengthAt + 1)..], (ushort)(0x4000 | (DatagramLength - TokenLengthAt - 3)));
        return datagram;                                             // packet number 0, then PADDING (0) to the end
    }

    public UdpAnswer Read(ReadOnlySpan<byte> datagram, UdpProbeContext context)
    {
        // first byte (long header bit set, the rest unused), version 0, DCID length and DCID, SCID length and SCID, versions
        Span<byte> ours = stackalloc byte[ConnectionIdLength];
        WriteDestinationId(context, ours);
        if (datagram.Length < 7 || (datagram[0] & 0x80) == 0 || BinaryPrimitives.ReadUInt32BigEndian(datagram[1..]) != 0)
        {
            return NotQuic(datagram.Length);
        }

        var scidLengthAt = 6 + datagram[5];
        if (scidLengthAt >= datagram.Length || scidLengthAt + 1 + datagram[scidLengthAt] > datagram.Length
            || !datagram.Slice(scidLengthAt + 1, datagram[scidLengthAt]).SequenceEqual(ours))
        {
            return NotQuic(datagram.Length);
        }

        var versions = datagram[(scidLengthAt + 1 + datagram[scidLengthAt])..];
        if (versions.IsEmpty || versions.Length % 4 != 0)
        {
            return NotQuic(datagram.Length);
        }

        var names = new StringBuilder();
        var shown = 0;
        for (var i = 0; i < versions.Length; i += 4)
        {
            var version = BinaryPrimitives.ReadUInt32BigEndian(versions[i..]);
            if ((version & 0x0F0F0F0F) == 0x0A0A0A0A)
            {
                continue; // reserved, listed to keep clients honest (RFC 9000 §6.3)
            }

            if (shown++ == MostVersionsShown)
            {
                names.Append(", …");
                break;
            }

            names.Append(names.Length == 0 ? string.Empty : ", ").Append(Name(version));
        }

        return new UdpAnswer(Protocol, true, names.Length == 0 ? "QUIC versions: only reserved ones" : $"QUIC versions: {names}");
    }

    private static string Name(uint version) => version switch
    {
        1 => "1",
        0x6B3343CF => "2",                                               // RFC 9369
        _ when version >> 8 == 0xFF0000 => $"draft-{version & 0xFF}",
        _ when (version >> 24) is 'Q' or 'T' && IsDigits(version) =>     // Google QUIC: "Q050", "T051"
            string.Create(CultureInfo.InvariantCulture, $"{(char)(version >> 24)}{(char)((version >> 16) & 0xFF)}{(char)((version >> 8) & 0xFF)}{(char)(version & 0xFF)}"),
        _ => $"0x{version:x8}",
    };

    private static bool IsDigits(uint version) =>
        char.IsAsciiDigit((char)((version >> 16) & 0xFF)) && char.IsAsciiDigit((char)((version >> 8) & 0xFF)) && char.IsAsciiDigit((char)(version & 0xFF));

    private static void WriteDestinationId(UdpProbeContext context, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(context);
        BinaryPrimitives.WriteUInt32BigEndian(destination, context.TransactionId);
        "quic"u8.CopyTo(destination[4..]);
    }

    private UdpAnswer NotQuic(int length) => new(Protocol, false, $"{length} bytes, not a QUIC version negotiation");
}
