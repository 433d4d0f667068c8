using System.Formats.Asn1;
using System.Text;
using Reach.Text;

namespace Reach.UdpProbing;

/// <summary>
/// CLDAP (RFC 1798; MS-ADTS §6.3.3, the "LDAP ping" of Active Directory's DC locator): an LDAP SearchRequest (RFC 4511
/// §4.5.1) over UDP for the rootDSE: base "", scope base, filter (objectClass=*), a few attributes that name the
/// server. The messageID is the transaction id. The answer is one datagram holding a SearchResultEntry and a
/// SearchResultDone, each an LDAPMessage with the same messageID.
/// </summary>
public sealed class CldapPayload : IUdpPayload
{
    private const int MaxValue = 100;
    private const int MaxAttributes = 4;

    private static readonly string[] Attributes = ["dnsHostName", "defaultNamingContext", "supportedLDAPVersion"];
    private static readonly Asn1Tag SearchRequest = new(TagClass.Application, 3, isConstructed: true);
    private static readonly Asn1Tag SearchResultEntry = new(TagClass.Application, 4, isConstructed: true);
    private static readonly Asn1Tag SearchResultDone = new(TagClass.Application, 5, isConstructed: true);
    private static readonly Asn1Tag PresentFilter = new(TagClass.ContextSpecific, 7);
    private static readonly int[] DefaultPorts = [389];

    /// <summary>ENUMERATED 0, whole: AsnWriter writes ENUMERATED only from a .NET enum type.</summary>
    private static readonly byte[] EnumeratedZero = [0x0A, 0x01, 0x00];

    public UdpProtocol Protocol => UdpProtocol.Cldap;

    public IReadOnlyList<int> Ports => DefaultPorts;

    public byte[] Build(UdpProbeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(MessageId(context));
            using (writer.PushSequence(SearchRequest))
            {
                writer.WriteOctetString([]); // baseObject: the rootDSE
                writer.WriteEncodedValue(EnumeratedZero); // scope: baseObject
                writer.WriteEncodedValue(EnumeratedZero); // derefAliases: neverDerefAliases
                writer.WriteInteger(0); // sizeLimit
                writer.WriteInteger(0); // timeLimit
                writer.WriteBoolean(false); // typesOnly
                writer.WriteOctetString("objectClass"u8, PresentFilter); // (objectClass=*)
                using (writer.PushSequence())
                {
                    foreach (var attribute in Attributes)
                    {
                        writer.WriteOctetString(Encoding.ASCII.GetBytes(attribute));
                    }
                }
            }
        }

        return writer.Encode();
    }

    public UdpAnswer Read(ReadOnlySpan<byte> datagram, UdpProbeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            return ReadMessages(new AsnReader(datagram.ToArray(), AsnEncodingRules.BER), context, datagram.Length);
        }
        catch (AsnContentException)
        {
            return NotRecognized($"{datagram.Length} bytes, not an LDAP answer");
        }
    }

    private static UdpAnswer ReadMessages(AsnReader reader, UdpProbeContext context, int length)
    {
        string? entry = null;
        string? done = null;
        while (reader.HasData)
        {
            var message = reader.ReadSequence();
            if (!message.TryReadInt32(out var id))
            {
                return NotRecognized($"{length} bytes, not an LDAP answer");
            }

            if (id != MessageId(context))
            {
                return NotRecognized("an LDAP answer to another request (messageID differs)");
            }

            if (message.PeekTag() == Asn1Tag.PrimitiveOctetString)
            {
                message.ReadOctetString(); // RFC 1798's cldapUserName, which its servers may still send
            }

            var tag = message.PeekTag();
            if (tag == SearchResultEntry)
            {
                entry ??= ReadEntry(message.ReadSequence(SearchResultEntry));
            }
            else if (tag == SearchResultDone)
            {
                done = ReadDone(message.ReadSequence(SearchResultDone));
            }
            else
            {
                message.ReadEncodedValue(); // a reference or an extended response: not what names the server
            }
        }

        if (entry is null && done is null)
        {
            return NotRecognized($"{length} bytes, an LDAP message but not a search result");
        }

        if (entry is null)
        {
            return Recognized($"LDAP {done}");
        }

        return Recognized(done is null or "success" ? $"rootDSE: {entry}" : $"rootDSE: {entry}; {done}");
    }

    /// <summary>SearchResultEntry: objectName, attributes SEQUENCE OF { type, vals SET OF value }; the first few, briefly.</summary>
    private static string ReadEntry(AsnReader entry)
    {
        entry.ReadOctetString(); // objectName: "" for the rootDSE
        var attributes = entry.ReadSequence();
        var shown = new List<string>();
        while (attributes.HasData)
        {
            var attribute = attributes.ReadSequence();
            var type = Text(attribute.ReadOctetString());
            var values = attribute.ReadSetOf(skipSortOrderValidation: true);
            var texts = new List<string>();
            while (values.HasData)
            {
                texts.Add(Text(values.ReadOctetString()));
            }

            if (shown.Count < MaxAttributes)
            {
                shown.Add($"{Printable.OneLine(type, 40)} {Printable.OneLine(string.Join(',', texts), MaxValue)}");
            }
        }

        return shown.Count == 0 ? "no attributes" : string.Join(", ", shown);
    }

    /// <summary>SearchResultDone: LDAPResult { resultCode ENUMERATED, matchedDN, diagnosticMessage, … }.</summary>
    private static string ReadDone(AsnReader result)
    {
        var code = ResultCode(result.ReadEnumeratedBytes().Span);
        result.ReadOctetString(); // matchedDN
        var message = Text(result.ReadOctetString());
        var words = LdapResultCodes.Name(code);
        return message.Length == 0 ? words : $"{words} ({Printable.OneLine(message, MaxValue)})";
    }

    /// <summary>An ENUMERATED's big-endian two's-complement contents, as a result code (long ones are no code).</summary>
    private static long ResultCode(ReadOnlySpan<byte> contents)
    {
        if (contents.IsEmpty || contents.Length > 4)
        {
            return -1;
        }

        long value = (sbyte)contents[0];
        foreach (var b in contents[1..])
        {
            value = (value << 8) | b;
        }

        return value;
    }

    private static string Text(ReadOnlyMemory<byte> bytes) => Encoding.UTF8.GetString(bytes.Span);

    /// <summary>RFC 4511's MessageID is 0..2^31-1 and 0 is kept for unsolicited notices: the id's low 31 bits, never 0.</summary>
    private static int MessageId(UdpProbeContext context) =>
        (int)(context.TransactionId & 0x7FFF_FFFF) is var id && id != 0 ? id : 1;

    private static UdpAnswer Recognized(string summary) => new(UdpProtocol.Cldap, true, summary);

    private static UdpAnswer NotRecognized(string reason) => new(UdpProtocol.Cldap, false, reason);
}
