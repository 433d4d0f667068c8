using System.Buffers.Binary;
using System.Text;

namespace Reach.UdpProbing;

/// <summary>
/// The DNS message layout (RFC 1035 §4) shared by the DNS, mDNS and NetBIOS probes: building a one-question query and
/// reading names and records back without trusting a byte. Compression pointers must point strictly backwards (so a
/// loop cannot exist) and a name is at most 255 bytes on the wire, as RFC 1035 §3.1 allows.
/// </summary>
internal static class DnsWire
{
    public const int HeaderLength = 12;

    /// <summary>Type NS (RFC 1035), PTR (RFC 1035), NBSTAT (RFC 1002 §4.2.1.3).</summary>
    public const ushort TypeNs = 2, TypePtr = 12, TypeNbstat = 0x21;

    public const ushort ClassIn = 1;

    private const int MaxNameLength = 255;

    /// <summary>
    /// Pointers followed in one name: a name has at most 127 labels, so a real one needs fewer. Backward-only pointers
    /// already end, but a 64 KB chain of them read for each of thousands of records would take seconds.
    /// </summary>
    private const int MaxPointers = 128;

    /// <summary>A query with one question: header, the name as labels, type, class.</summary>
    public static byte[] Query(ushort id, ushort flags, string name, ushort type, ushort questionClass)
    {
        var labels = name.Split('.', StringSplitOptions.RemoveEmptyEntries);
        var nameLength = 1 + labels.Sum(label => 1 + label.Length);
        var query = new byte[HeaderLength + nameLength + 4];
        BinaryPrimitives.WriteUInt16BigEndian(query, id);
        BinaryPrimitives.WriteUInt16BigEndian(query.AsSpan(2), flags);
        BinaryPrimitives.WriteUInt16BigEndian(query.AsSpan(4), 1); // QDCOUNT
        var offset = HeaderLength;
        foreach (var label in labels)
        {
            query[offset++] = (byte)label.Length;
            offset += Encoding.ASCII.GetBytes(label, query.AsSpan(offset));
        }

        query[offset++] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(query.AsSpan(offset), type);
        BinaryPrimitives.WriteUInt16BigEndian(query.AsSpan(offset + 2), questionClass);
        return query;
    }

    /// <summary>
    /// Reads the name at <paramref name="offset"/> and moves it past the name's bytes there. The name is in presentation
    /// form (<c>_ssh._tcp.local</c>, the root as <c>.</c>), with bytes outside printable ASCII written as <c>\DDD</c>.
    /// </summary>
    public static bool TryReadName(ReadOnlySpan<byte> message, ref int offset, out string name)
    {
        name = string.Empty;
        var text = new StringBuilder();
        var position = offset;
        var end = -1; // where the caller continues: after the first pointer, or after the final zero
        var wireLength = 0;
        var pointers = 0;
        while (true)
        {
            if (position >= message.Length)
            {
                return false;
            }

            var length = message[position];
            if (length == 0)
            {
                end = end < 0 ? position + 1 : end;
                break;
            }

            switch (length & 0xC0)
            {
                case 0xC0:
                    if (position + 1 >= message.Length)
                    {
                        return false;
                    }

                    var target = ((length & 0x3F) << 8) | message[position + 1];
                    if (target >= position || ++pointers > MaxPointers)
                    {
                        return false; // only backwards (a forward or self pointer could loop), and not too many
                    }

                    end = end < 0 ? position + 2 : end;
                    position = target;
                    continue;
                case 0x00:
                    wireLength += 1 + length;
                    if (wireLength + 1 > MaxNameLength || position + 1 + length > message.Length)
                    {
                        return false;
                    }

                    AppendLabel(text, message.Slice(position + 1, length));
                    position += 1 + length;
                    continue;
                default:
                    return false; // 0x40 and 0x80 label types are obsolete or undefined
            }
        }

        name = text.Length == 0 ? "." : text.ToString();
        offset = end;
        return true;
    }

    /// <summary>Reads a resource record's header and moves past the whole record (RFC 1035 §4.1.3).</summary>
    public static bool TryReadRecord(ReadOnlySpan<byte> message, ref int offset, out DnsRecord record)
    {
        record = default;
        var at = offset;
        if (!TryReadName(message, ref at, out var name) || message.Length - at < 10)
        {
            return false;
        }

        var type = BinaryPrimitives.ReadUInt16BigEndian(message[at..]);
        var dataLength = BinaryPrimitives.ReadUInt16BigEndian(message[(at + 8)..]);
        var dataOffset = at + 10;
        if (message.Length - dataOffset < dataLength)
        {
            return false;
        }

        record = new DnsRecord(name, type, dataOffset, dataLength);
        offset = dataOffset + dataLength;
        return true;
    }

    private static void AppendLabel(StringBuilder text, ReadOnlySpan<byte> label)
    {
        if (text.Length > 0)
        {
            text.Append('.');
        }

        foreach (var b in label)
        {
            if (b is (byte)'.' or (byte)'\\')
            {
                text.Append('\\').Append((char)b);
            }
            else if (b is > 0x20 and < 0x7F)
            {
                text.Append((char)b);
            }
            else
            {
                text.Append('\\').Append(b.ToString("D3", System.Globalization.CultureInfo.InvariantCulture));
            }
        }
    }
}
