using System.Buffers.Binary;
using System.Text;
using Reach.Text;

namespace Reach.UdpProbing;

/// <summary>
/// NetBIOS name service (137): a node status request for <c>*</c> (RFC 1002 §4.2.17, what <c>nbtstat -A</c> and
/// <c>nmblookup -A</c> send). The answer lists the names the host has registered, and on Windows its MAC address.
/// </summary>
public sealed class NetbiosNsPayload : IUdpPayload
{
    /// <summary>"*" padded with NULs to 16 bytes, in RFC 1001 §14.1's first-level encoding (each nibble plus 'A').</summary>
    internal const string EncodedStar = "CKAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

    /// <summary>The most names the summary lists; a host seldom has more than eight.</summary>
    private const int ShownNames = 10;

    /// <summary>An entry of the node name array: 15 bytes of name, the suffix, 2 bytes of flags.</summary>
    private const int NameEntryLength = 18;

    private static readonly int[] DefaultPorts = [137];

    public UdpProtocol Protocol => UdpProtocol.NetbiosNs;

    public IReadOnlyList<int> Ports => DefaultPorts;

    public byte[] Build(UdpProbeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return DnsWire.Query(DnsPayload.Id(context), 0, EncodedStar, DnsWire.TypeNbstat, DnsWire.ClassIn);
    }

    public UdpAnswer Read(ReadOnlySpan<byte> datagram, UdpProbeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var id = DnsPayload.Id(context);
        if (datagram.Length < DnsWire.HeaderLength || (datagram[2] & 0xF8) != 0x80)
        {
            return NotRecognized($"{datagram.Length} bytes, not a NetBIOS name service answer"); // R set, opcode 0 (query)
        }

        var answerId = BinaryPrimitives.ReadUInt16BigEndian(datagram);
        if (answerId != id)
        {
            return NotRecognized($"a NetBIOS answer with another id ({answerId}, not {id})");
        }

        var rcode = datagram[3] & 0xF;
        if (rcode != 0)
        {
            return new UdpAnswer(Protocol, true, $"negative answer, {RcodeWord(rcode)}");
        }

        // The node status response has no question and one answer (RFC 1002 §4.2.18).
        var offset = DnsWire.HeaderLength;
        if (BinaryPrimitives.ReadUInt16BigEndian(datagram[4..]) != 0 || BinaryPrimitives.ReadUInt16BigEndian(datagram[6..]) != 1
            || !DnsWire.TryReadRecord(datagram, ref offset, out var record))
        {
            return NotRecognized($"{datagram.Length} bytes, a NetBIOS answer cut short or malformed");
        }

        if (record.Type != DnsWire.TypeNbstat || !string.Equals(record.Name, EncodedStar, StringComparison.OrdinalIgnoreCase))
        {
            return NotRecognized("a NetBIOS answer to another question");
        }

        var data = datagram.Slice(record.DataOffset, record.DataLength);
        if (data.Length < 1 || data.Length < 1 + data[0] * NameEntryLength)
        {
            return NotRecognized($"{datagram.Length} bytes, a NetBIOS answer cut short or malformed");
        }

        var count = data[0];
        var parts = new List<string>();
        for (var i = 0; i < Math.Min((int)count, ShownNames); i++)
        {
            parts.Add(Describe(data.Slice(1 + i * NameEntryLength, NameEntryLength)));
        }

        if (count > ShownNames)
        {
            parts.Add($"{count - ShownNames} more names");
        }
        else if (count == 0)
        {
            parts.Add("no names");
        }

        // The statistics start with the unit id, the adapter's MAC; Samba leaves it zero, so it says nothing then.
        var statistics = data[(1 + count * NameEntryLength)..];
        if (statistics.Length >= 6 && statistics[..6].ContainsAnyExcept((byte)0))
        {
            parts.Add($"MAC {string.Join(':', statistics[..6].ToArray().Select(b => b.ToString("x2")))}");
        }

        return new UdpAnswer(Protocol, true, Printable.OneLine(string.Join(", ", parts)));
    }

    /// <summary><c>FILESRV &lt;20&gt; (file server)</c>, <c>WORKGROUP &lt;00&gt; group</c>.</summary>
    private static string Describe(ReadOnlySpan<byte> entry)
    {
        var name = Encoding.Latin1.GetString(entry[..15]).TrimEnd(' ', '\0');
        var suffix = entry[15];
        var group = (entry[16] & 0x80) != 0;
        var role = (suffix, group) switch
        {
            (0x00, false) => "workstation",
            (0x03, false) => "messenger",
            (0x20, false) => "file server",
            (0x1B, false) => "domain master browser",
            (0x1D, false) => "master browser",
            (0x1C, true) => "domain controllers",
            (0x1E, true) => "browser elections",
            (0x01, true) => "master browser",
            _ => null,
        };
        var text = $"{Printable.OneLine(name)} <{suffix:x2}>";
        text = group ? $"{text} group" : text;
        return role is null ? text : $"{text} ({role})";
    }

    /// <summary>RFC 1002 §4.2.6's error codes.</summary>
    private static string RcodeWord(int rcode) => rcode switch
    {
        1 => "format error",
        2 => "server failure",
        3 => "name not found",
        4 => "unsupported request",
        5 => "refused",
        6 => "active error",
        7 => "name in conflict",
        _ => $"RCODE {rcode}",
    };

    private UdpAnswer NotRecognized(string reason) => new(Protocol, false, reason);
}
