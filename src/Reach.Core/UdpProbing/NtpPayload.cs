using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Reach.Text;

namespace Reach.UdpProbing;

/// <summary>
/// NTP (RFC 5905): a 48-byte client request (LI 0, version 4, mode 3) whose transmit timestamp carries the
/// transaction id; a server copies it into its answer's origin timestamp, which is how the answer is matched. The
/// timestamp is not a clock reading (the probe is pure), so no offset or delay is computed: the answer gives the
/// server's stratum, reference and leap indicator.
/// </summary>
public sealed class NtpPayload : IUdpPayload
{
    private const int HeaderLength = 48;
    private const int ReferenceIdOffset = 12;
    private const int OriginOffset = 24;
    private const int TransmitOffset = 40;
    private const byte ClientMode = 3;
    private const byte ServerMode = 4;
    private const int Version = 4;

    private static readonly int[] DefaultPorts = [123];

    public UdpProtocol Protocol => UdpProtocol.Ntp;

    public IReadOnlyList<int> Ports => DefaultPorts;

    public byte[] Build(UdpProbeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var packet = new byte[HeaderLength];
        packet[0] = (Version << 3) | ClientMode; // LI 0 (no warning), VN 4, mode 3: 0x23
        BinaryPrimitives.WriteUInt64BigEndian(packet.AsSpan(TransmitOffset), TransmitStamp(context));
        return packet;
    }

    public UdpAnswer Read(ReadOnlySpan<byte> datagram, UdpProbeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (datagram.Length < HeaderLength || (datagram[0] & 7) != ServerMode)
        {
            return NotRecognized($"{datagram.Length} bytes, not an NTP server answer");
        }

        if (BinaryPrimitives.ReadUInt64BigEndian(datagram[OriginOffset..]) != TransmitStamp(context))
        {
            return NotRecognized("an NTP answer to another request (origin timestamp differs)");
        }

        var leap = datagram[0] >> 6;
        var version = (datagram[0] >> 3) & 7;
        var stratum = datagram[1];
        var referenceId = datagram.Slice(ReferenceIdOffset, 4);
        var summary = new StringBuilder(64);
        summary.Append(CultureInfo.InvariantCulture, $"NTPv{version} server, ");
        if (stratum == 0 && referenceId[0] is >= (byte)'A' and <= (byte)'Z')
        {
            // RFC 5905 §7.4: a kiss-o'-death; its reference id is a four-letter code (RATE, DENY, RSTR…).
            summary.Append("kiss-o'-death ").Append(Ascii(referenceId));
        }
        else if (stratum == 0)
        {
            // No code: "unspecified", what chrony 4.3 sends (with LI 3) before it has a source.
            summary.Append("stratum unspecified");
        }
        else
        {
            summary.Append(CultureInfo.InvariantCulture, $"stratum {stratum}");
            if (stratum < 16)
            {
                summary.Append(", reference ").Append(stratum == 1 ? Ascii(referenceId) : Dotted(referenceId));
            }
        }

        var leapWords = leap switch
        {
            1 => "leap second to insert",
            2 => "leap second to delete",
            3 => "clock unsynchronized",
            _ => null,
        };
        if (leapWords is not null)
        {
            summary.Append(", ").Append(leapWords);
        }

        return new UdpAnswer(UdpProtocol.Ntp, true, summary.ToString());
    }

    /// <summary>
    /// The transaction id in the seconds and its complement in the fraction: never all zero, which RFC 5905 treats as
    /// "no timestamp" and a server could echo by accident.
    /// </summary>
    private static ulong TransmitStamp(UdpProbeContext context) =>
        ((ulong)context.TransactionId << 32) | ~context.TransactionId;

    /// <summary>A stratum-1 source or kiss code: up to four ASCII characters, NUL-padded.</summary>
    private static string Ascii(ReadOnlySpan<byte> code)
    {
        var end = code.IndexOf((byte)0);
        var text = Encoding.Latin1.GetString(end < 0 ? code : code[..end]);
        return text.Length == 0 ? "(none)" : Printable.OneLine(text);
    }

    /// <summary>A stratum ≥ 2 reference: the upstream's IPv4 address (for IPv6, the first bytes of its hash).</summary>
    private static string Dotted(ReadOnlySpan<byte> id) =>
        string.Create(CultureInfo.InvariantCulture, $"{id[0]}.{id[1]}.{id[2]}.{id[3]}");

    private static UdpAnswer NotRecognized(string reason) => new(UdpProtocol.Ntp, false, reason);
}
