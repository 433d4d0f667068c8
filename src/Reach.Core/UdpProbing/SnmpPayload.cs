using System.Formats.Asn1;
using System.Text;
using Reach.Text;

namespace Reach.UdpProbing;

/// <summary>
/// SNMP (RFC 3416, community-based v2c as RFC 1901 frames it): a GetRequest for sysDescr.0 with the context's
/// community, the request-id being the transaction id. An agent answers with a GetResponse carrying the same
/// request-id; a wrong community draws silence (agents drop it and count it), never an error.
/// </summary>
public sealed class SnmpPayload : IUdpPayload
{
    /// <summary>sysDescr.0 (RFC 3418): "a textual description of the entity", the one object every agent has.</summary>
    private const string SysDescr = "1.3.6.1.2.1.1.1.0";
    private const int Version2c = 1;
    private const int MaxDescription = 200;

    private static readonly Asn1Tag GetRequest = new(TagClass.ContextSpecific, 0, isConstructed: true);
    private static readonly Asn1Tag GetResponse = new(TagClass.ContextSpecific, 2, isConstructed: true);
    private static readonly int[] DefaultPorts = [161];

    public UdpProtocol Protocol => UdpProtocol.Snmp;

    public IReadOnlyList<int> Ports => DefaultPorts;

    public byte[] Build(UdpProbeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(Version2c);
            writer.WriteOctetString(Encoding.UTF8.GetBytes(context.SnmpCommunity));
            using (writer.PushSequence(GetRequest))
            {
                writer.WriteInteger(RequestId(context));
                writer.WriteInteger(0); // error-status
                writer.WriteInteger(0); // error-index
                using (writer.PushSequence()) // variable-bindings
                using (writer.PushSequence())
                {
                    writer.WriteObjectIdentifier(SysDescr);
                    writer.WriteNull(); // unSpecified: a get names the object only
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
            return ReadMessage(new AsnReader(datagram.ToArray(), AsnEncodingRules.BER), context, datagram.Length);
        }
        catch (AsnContentException)
        {
            return NotRecognized($"{datagram.Length} bytes, not an SNMP answer");
        }
    }

    private static UdpAnswer ReadMessage(AsnReader reader, UdpProbeContext context, int length)
    {
        var message = reader.ReadSequence();
        if (!message.TryReadInt32(out var version) || version != Version2c)
        {
            return NotRecognized($"{length} bytes, not an SNMPv2c answer");
        }

        message.ReadOctetString(); // the community, echoed
        if (message.PeekTag() != GetResponse)
        {
            return NotRecognized($"{length} bytes, an SNMP message but not a response");
        }

        var pdu = message.ReadSequence(GetResponse);
        if (!pdu.TryReadInt32(out var requestId) || requestId != RequestId(context))
        {
            return NotRecognized("an SNMP answer to another request (request-id differs)");
        }

        if (!pdu.TryReadInt32(out var errorStatus))
        {
            return NotRecognized("an SNMP answer with an unreadable error-status");
        }

        if (errorStatus != 0)
        {
            return Recognized(ErrorStatusName(errorStatus));
        }

        pdu.ReadInteger(); // error-index
        var binding = pdu.ReadSequence().ReadSequence();
        var name = binding.ReadObjectIdentifier();
        if (name != SysDescr)
        {
            return Recognized($"an answer for {Printable.OneLine(name, 60)}, not sysDescr.0");
        }

        var tag = binding.PeekTag();
        if (tag == Asn1Tag.PrimitiveOctetString || tag == Asn1Tag.ConstructedOctetString)
        {
            var text = Encoding.UTF8.GetString(binding.ReadOctetString());
            return Recognized($"sysDescr: {Printable.OneLine(text.Trim(), MaxDescription)}");
        }

        // RFC 3416 §3: the exceptions a v2 agent puts in place of a value.
        return Recognized((tag.TagClass, tag.TagValue) switch
        {
            (TagClass.ContextSpecific, 0) => "sysDescr.0: noSuchObject",
            (TagClass.ContextSpecific, 1) => "sysDescr.0: noSuchInstance",
            (TagClass.ContextSpecific, 2) => "sysDescr.0: endOfMibView",
            _ => "sysDescr.0 is not a string",
        });
    }

    /// <summary>RFC 3416's request-id is a signed 32-bit INTEGER: the id's low 31 bits keep it positive, as agents expect.</summary>
    private static int RequestId(UdpProbeContext context) => (int)(context.TransactionId & 0x7FFF_FFFF);

    private static string ErrorStatusName(int status) => status switch
    {
        1 => "tooBig",
        2 => "noSuchName",
        3 => "badValue",
        4 => "readOnly",
        5 => "genErr",
        6 => "noAccess",
        7 => "wrongType",
        8 => "wrongLength",
        9 => "wrongEncoding",
        10 => "wrongValue",
        11 => "noCreation",
        12 => "inconsistentValue",
        13 => "resourceUnavailable",
        14 => "commitFailed",
        15 => "undoFailed",
        16 => "authorizationError",
        17 => "notWritable",
        18 => "inconsistentName",
        _ => $"error-status {status}",
    };

    private static UdpAnswer Recognized(string summary) => new(UdpProtocol.Snmp, true, summary);

    private static UdpAnswer NotRecognized(string reason) => new(UdpProtocol.Snmp, false, reason);
}
