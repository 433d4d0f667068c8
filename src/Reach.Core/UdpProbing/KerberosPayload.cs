using System.Formats.Asn1;
using System.Net;
using System.Text;
using Reach.Text;

namespace Reach.UdpProbing;

/// <summary>
/// Kerberos (RFC 4120): an AS-REQ without pre-authentication for the principal <c>reach-probe</c> in a realm guessed
/// from the host name (its domain upper-cased, as realms are named; <c>REACH.INVALID</c> for an address). A KDC
/// answers with a KRB-ERROR (unknown principal, wrong realm, pre-authentication required), which tells that a KDC
/// is there without anyone's password being involved. A KRB-ERROR carries no nonce, so it is matched by its
/// shape (pvno 5, msg-type 30) and, when it names a client, by our principal. On 464 (kpasswd) the same AS-REQ is
/// not a password-change request: MIT kadmind 1.20.1 drops it without a word ("Message stream modified" in its log),
/// and so did Samba 4.17's KDC: there the port shows open|filtered unless a server answers with a bare KRB-ERROR.
/// </summary>
public sealed class KerberosPayload : IUdpPayload
{
    private const string Principal = "reach-probe";
    private const string FallbackRealm = "REACH.INVALID";
    private const int Pvno = 5;
    private const int AsReqType = 10;
    private const int AsRepType = 11;
    private const int ErrorType = 30;
    private const int Aes256CtsHmacSha196 = 18;
    private const int NtPrincipal = 1;
    private const int NtSrvInst = 2;

    private static readonly Asn1Tag AsReq = new(TagClass.Application, AsReqType, isConstructed: true);
    private static readonly Asn1Tag AsRep = new(TagClass.Application, AsRepType, isConstructed: true);
    private static readonly Asn1Tag KrbError = new(TagClass.Application, ErrorType, isConstructed: true);
    private static readonly Asn1Tag GeneralString = new(UniversalTagNumber.GeneralString);

    /// <summary>The "far future" end time Windows and MIT clients ask for: the request needs one, and the probe has no clock.</summary>
    private static readonly DateTimeOffset Till = new(2037, 9, 13, 2, 48, 5, TimeSpan.Zero);

    private static readonly int[] DefaultPorts = [88, 464];

    public UdpProtocol Protocol => UdpProtocol.Kerberos;

    public IReadOnlyList<int> Ports => DefaultPorts;

    public byte[] Build(UdpProbeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var realm = Realm(context.HostName);
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence(AsReq))
        using (writer.PushSequence())
        {
            using (Field(writer, 1))
            {
                writer.WriteInteger(Pvno);
            }

            using (Field(writer, 2))
            {
                writer.WriteInteger(AsReqType);
            }

            using (Field(writer, 4))
            using (writer.PushSequence()) // KDC-REQ-BODY
            {
                using (Field(writer, 0))
                {
                    writer.WriteBitString(new byte[4]); // kdc-options: none
                }

                using (Field(writer, 1))
                {
                    WritePrincipalName(writer, NtPrincipal, Principal);
                }

                using (Field(writer, 2))
                {
                    WriteGeneralString(writer, realm);
                }

                using (Field(writer, 3))
                {
                    WritePrincipalName(writer, NtSrvInst, "krbtgt", realm);
                }

                using (Field(writer, 5))
                {
                    writer.WriteGeneralizedTime(Till);
                }

                using (Field(writer, 7))
                {
                    writer.WriteInteger(context.TransactionId & 0x7FFF_FFFF); // UInt32, kept below 2^31 for KDCs that read it signed
                }

                using (Field(writer, 8))
                using (writer.PushSequence())
                {
                    writer.WriteInteger(Aes256CtsHmacSha196);
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
            var reader = new AsnReader(datagram.ToArray(), AsnEncodingRules.DER);
            var tag = reader.PeekTag();
            if (tag == KrbError)
            {
                return ReadError(reader.ReadSequence(KrbError).ReadSequence(), datagram.Length);
            }

            if (tag == AsRep)
            {
                return ReadReply(reader.ReadSequence(AsRep).ReadSequence(), datagram.Length);
            }
        }
        catch (AsnContentException)
        {
        }

        return NotRecognized(datagram.Length);
    }

    /// <summary>The realm to ask in: the host's domain upper-cased (<c>kdc1.example.test</c> → <c>EXAMPLE.TEST</c>).</summary>
    internal static string Realm(string? hostName)
    {
        var name = hostName?.TrimEnd('.');
        if (string.IsNullOrEmpty(name) || IPAddress.TryParse(name.Trim('[', ']'), out _) || !Ascii.IsValid(name))
        {
            return FallbackRealm;
        }

        var dot = name.IndexOf('.', StringComparison.Ordinal);
        return dot <= 0 || dot == name.Length - 1 ? FallbackRealm : name[(dot + 1)..].ToUpperInvariant();
    }

    /// <summary>A message's [n] fields by number (the last one of a number counts); null when one is not context-tagged.</summary>
    private static Dictionary<int, AsnReader>? ContextFields(AsnReader fields)
    {
        var byNumber = new Dictionary<int, AsnReader>();
        while (fields.HasData)
        {
            var tag = fields.PeekTag();
            if (tag.TagClass != TagClass.ContextSpecific)
            {
                return null;
            }

            byNumber[tag.TagValue] = fields.ReadSequence(tag);
        }

        return byNumber;
    }

    private static T? Field<T>(Dictionary<int, AsnReader> fields, int number, Func<AsnReader, T> read) =>
        fields.TryGetValue(number, out var field) ? read(field) : default;

    /// <summary>KRB-ERROR (RFC 4120 §5.9.1): pvno [0], msg-type [1], …, error-code [6], crealm [7], cname [8], realm [9].</summary>
    private static UdpAnswer ReadError(AsnReader fields, int length)
    {
        if (ContextFields(fields) is not { } f)
        {
            return NotRecognized(length);
        }

        var pvno = Field(f, 0, ReadInt);
        var type = Field(f, 1, ReadInt);
        var code = Field(f, 6, ReadInt);
        var client = Field(f, 8, ReadFirstName);
        var realm = Field(f, 9, ReadGeneralString);
        if (pvno != Pvno || type != ErrorType || code is null || (client is not null && client != Principal))
        {
            return NotRecognized(length);
        }

        var summary = $"KRB-ERROR {KerberosErrorCodes.Name(code.Value)}";
        return Recognized(realm is null ? summary : $"{summary}, realm {Printable.OneLine(realm, 100)}");
    }

    /// <summary>AS-REP (RFC 4120 §5.4.2): pvno [0], msg-type [1], padata [2], crealm [3], cname [4], ticket [5], enc-part [6].</summary>
    private static UdpAnswer ReadReply(AsnReader fields, int length)
    {
        if (ContextFields(fields) is not { } f)
        {
            return NotRecognized(length);
        }

        var pvno = Field(f, 0, ReadInt);
        var type = Field(f, 1, ReadInt);
        var realm = Field(f, 3, ReadGeneralString);
        var client = Field(f, 4, ReadFirstName);
        return pvno == Pvno && type == AsRepType && client == Principal
            ? Recognized($"AS-REP for {Principal}@{Printable.OneLine(realm, 100)} without pre-authentication")
            : NotRecognized(length);
    }

    private static int? ReadInt(AsnReader field) => field.TryReadInt32(out var value) ? value : null;

    /// <summary>A PrincipalName's first name-string (RFC 4120 §5.2.2: SEQUENCE { name-type [0], name-string [1] SEQUENCE OF }).</summary>
    private static string? ReadFirstName(AsnReader field)
    {
        var name = field.ReadSequence();
        name.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true));
        var strings = name.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 1, isConstructed: true)).ReadSequence();
        return strings.HasData ? ReadGeneralString(strings) : null;
    }

    /// <summary>
    /// A KerberosString: a GeneralString limited to IA5 (RFC 4120 §5.2.1). .NET's AsnReader has no GeneralString
    /// reader, so the value is taken whole and its contents decoded here.
    /// </summary>
    private static string ReadGeneralString(AsnReader reader)
    {
        if (reader.PeekTag() != GeneralString)
        {
            throw new AsnContentException("not a GeneralString");
        }

        var encoded = reader.ReadEncodedValue().Span;
        AsnDecoder.ReadEncodedValue(encoded, AsnEncodingRules.DER, out var offset, out var length, out _);
        return Encoding.UTF8.GetString(encoded.Slice(offset, length));
    }

    private static void WriteGeneralString(AsnWriter writer, string text)
    {
        // AsnWriter has no GeneralString writer either: the value is built as tag, DER length, contents.
        var contents = Encoding.ASCII.GetBytes(text);
        var lengthWriter = new AsnWriter(AsnEncodingRules.DER);
        lengthWriter.WriteOctetString(contents);
        var encoded = lengthWriter.Encode();
        encoded[0] = (byte)UniversalTagNumber.GeneralString; // same length octets, GeneralString's tag
        writer.WriteEncodedValue(encoded);
    }

    private static void WritePrincipalName(AsnWriter writer, int nameType, params string[] names)
    {
        using (writer.PushSequence())
        {
            using (Field(writer, 0))
            {
                writer.WriteInteger(nameType);
            }

            using (Field(writer, 1))
            using (writer.PushSequence())
            {
                foreach (var name in names)
                {
                    WriteGeneralString(writer, name);
                }
            }
        }
    }

    /// <summary>An EXPLICIT context tag [n]: a constructed wrapper around the field's own encoding.</summary>
    private static AsnWriter.Scope Field(AsnWriter writer, int number) =>
        writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, number, isConstructed: true));

    private static UdpAnswer Recognized(string summary) => new(UdpProtocol.Kerberos, true, summary);

    private static UdpAnswer NotRecognized(int length) => new(UdpProtocol.Kerberos, false, $"{length} bytes, not a Kerberos answer");
}
