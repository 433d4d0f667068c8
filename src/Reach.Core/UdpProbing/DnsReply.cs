using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace Reach.UdpProbing;

/// <summary>
/// A DNS answer to one of our one-question queries (DNS, mDNS), read whole: the header, the question it repeats and
/// every record it counts, so a datagram cut short anywhere is not taken for an answer.
/// </summary>
/// <param name="Rcode">The response code (RFC 1035 §4.1.1, RFC 6895 §2.3).</param>
/// <param name="Authoritative">The AA flag: the server holds the zone.</param>
/// <param name="Truncated">The TC flag: the answer did not fit the datagram.</param>
/// <param name="RecursionAvailable">The RA flag: the server resolves for us (a resolver, possibly an open one).</param>
/// <param name="Answers">Records in the answer section.</param>
/// <param name="Authority">Records in the authority section.</param>
/// <param name="Additional">Records in the additional section.</param>
/// <param name="PtrTargets">The names the answer section's PTR records point to, in order.</param>
internal sealed record DnsReply(
    int Rcode, bool Authoritative, bool Truncated, bool RecursionAvailable,
    int Answers, int Authority, int Additional, IReadOnlyList<string> PtrTargets)
{
    /// <summary>
    /// Reads <paramref name="message"/> as the answer to query <paramref name="id"/> for <paramref name="name"/>
    /// <paramref name="type"/>; on failure <paramref name="reason"/> says why in a few words.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> message, ushort id, string name, ushort type, string what,
        [NotNullWhen(true)] out DnsReply? reply, out string reason)
    {
        reply = null;
        if (message.Length < DnsWire.HeaderLength || (message[2] & 0x80) == 0)
        {
            reason = $"{message.Length} bytes, not {what}";
            return false;
        }

        var answerId = BinaryPrimitives.ReadUInt16BigEndian(message);
        if (answerId != id)
        {
            reason = $"{what} with another id ({answerId}, not {id})";
            return false;
        }

        var flags = BinaryPrimitives.ReadUInt16BigEndian(message[2..]);
        var questions = BinaryPrimitives.ReadUInt16BigEndian(message[4..]);
        var counts = new int[3];
        for (var i = 0; i < 3; i++)
        {
            counts[i] = BinaryPrimitives.ReadUInt16BigEndian(message[(6 + 2 * i)..]);
        }

        var offset = DnsWire.HeaderLength;
        for (var i = 0; i < questions; i++)
        {
            if (!DnsWire.TryReadName(message, ref offset, out var asked) || message.Length - offset < 4)
            {
                reason = $"{message.Length} bytes, {what} cut short";
                return false;
            }

            var askedType = BinaryPrimitives.ReadUInt16BigEndian(message[offset..]);
            offset += 4;
            if (i == 0 && (askedType != type || !string.Equals(asked, name, StringComparison.OrdinalIgnoreCase)))
            {
                reason = "an answer to another question";
                return false;
            }
        }

        var ptrTargets = new List<string>();
        for (var section = 0; section < 3; section++)
        {
            for (var i = 0; i < counts[section]; i++)
            {
                if (!DnsWire.TryReadRecord(message, ref offset, out var record))
                {
                    reason = $"{message.Length} bytes, {what} cut short";
                    return false;
                }

                var dataOffset = record.DataOffset;
                if (section == 0 && record.Type == DnsWire.TypePtr
                    && DnsWire.TryReadName(message[..(record.DataOffset + record.DataLength)], ref dataOffset, out var target))
                {
                    ptrTargets.Add(target);
                }
            }
        }

        reply = new DnsReply(
            flags & 0xF, (flags & 0x0400) != 0, (flags & 0x0200) != 0, (flags & 0x0080) != 0,
            counts[0], counts[1], counts[2], ptrTargets);
        reason = string.Empty;
        return true;
    }

    /// <summary>The response code in the words dig prints.</summary>
    public string RcodeWord => Rcode switch
    {
        0 => "NOERROR",
        1 => "FORMERR",
        2 => "SERVFAIL",
        3 => "NXDOMAIN",
        4 => "NOTIMP",
        5 => "REFUSED",
        6 => "YXDOMAIN",
        7 => "YXRRSET",
        8 => "NXRRSET",
        9 => "NOTAUTH",
        10 => "NOTZONE",
        _ => $"RCODE {Rcode}",
    };

    /// <summary><c>NOERROR, 13 records (recursion available)</c>; <c>NXDOMAIN, 0 records, 1 authority (authoritative)</c>.</summary>
    public string Summary()
    {
        var parts = new List<string> { RcodeWord };
        if (Answers > 0 || Rcode is 0 or 3)
        {
            parts.Add(Answers == 1 ? "1 record" : $"{Answers} records");
        }

        if (Authority > 0)
        {
            parts.Add($"{Authority} authority");
        }

        var notes = new List<string>();
        if (Authoritative)
        {
            notes.Add("authoritative");
        }

        if (RecursionAvailable)
        {
            notes.Add("recursion available");
        }

        if (Truncated)
        {
            notes.Add("truncated");
        }

        var text = string.Join(", ", parts);
        return notes.Count == 0 ? text : $"{text} ({string.Join(", ", notes)})";
    }
}
