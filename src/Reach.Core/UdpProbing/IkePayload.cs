using System.Buffers.Binary;

namespace Reach.UdpProbing;

/// <summary>
/// IKEv2 (RFC 7296): an IKE_SA_INIT request offering one common proposal (AES-CBC-128, PRF-HMAC-SHA2-256,
/// HMAC-SHA2-256-128, DH group 14) with a KE and a nonce. A responder answers with its own IKE_SA_INIT, or with a
/// notify (NO_PROPOSAL_CHOSEN, INVALID_KE_PAYLOAD naming its group, COOKIE) under our initiator SPI; it never
/// completes without our next message, so the probe leaves only a half-open SA that the responder drops.
/// Sent to 500 only: on 4500 the request needs a 4-byte non-ESP marker (RFC 3948) in front, and Build does not know
/// the port; Read takes an answer with or without the marker.
/// </summary>
public sealed class IkePayload : IUdpPayload
{
    private const int HeaderLength = 28;
    private const int KeyExchangeLength = 256; // a group 14 public value: 2048 bits
    private const int NonceLength = 32;
    private const byte NoNextPayload = 0, SecurityAssociation = 33, KeyExchange = 34, Nonce = 40, Notify = 41;
    private const byte IkeSaInit = 34, Informational = 37;
    private const byte InitiatorFlag = 0x08, ResponseFlag = 0x20;
    private const ushort InvalidKePayload = 17, Cookie = 16390;
    private static readonly int[] DefaultPorts = [500];

    // One proposal, protocol IKE, no SPI, 4 transforms: ENCR AES-CBC (12) with key length 128, PRF HMAC-SHA2-256 (5),
    // INTEG HMAC-SHA2-256-128 (12), D-H group 14 (14); 3 in a transform's first byte means "more follow".
    private static readonly byte[] Proposal = Convert.FromHexString(
        "0000002c01010004" + "0300000c0100000c800e0080" + "0300000802000005" + "030000080300000c" + "000000080400000e");

    public UdpProtocol Protocol => UdpProtocol.Ike;

    public IReadOnlyList<int> Ports => DefaultPorts;

    public byte[] Build(UdpProbeContext context)
    {
        const int SaLength = 4 + 44, KeLength = 8 + KeyExchangeLength, NonceTotal = 4 + NonceLength;
        var datagram = new byte[HeaderLength + SaLength + KeLength + NonceTotal];
        var span = datagram.AsSpan();
        WriteInitiatorSpi(context, span);                    // responder SPI (8..15) stays 0
        span[16] = SecurityAssociation;
        span[17] = 0x20;                                     // version 2.0
        span[18] = IkeSaInit;
        span[19] = InitiatorFlag;                            // message id (20..23) is 0
        BinaryPrimitives.WriteUInt32BigEndian(span[24..], (uint)datagram.Length);

        var sa = span[HeaderLength..];
        WritePayloadHeader(sa, KeyExchange, SaLength);
        Proposal.CopyTo(sa[4..]);

        var ke = sa[SaLength..];
        WritePayloadHeader(ke, Nonce, KeLength);
        BinaryPrimitives.WriteUInt16BigEndian(ke[4..], 14); // DH group, then 2 reserved bytes
        var seed = context.TransactionId ^ 0x9E3779B9u;
        Fill(ke.Slice(8, KeyExchangeLength), ref seed);
        ke[8] &= 0x7F;                                       // below the group's prime (0xFFFFFFFF FFFFFFFF C90F…)

        var nonce = ke[KeLength..];
        WritePayloadHeader(nonce, NoNextPayload, NonceTotal);
        Fill(nonce.Slice(4, NonceLength), ref seed);
        return datagram;
    }

    public UdpAnswer Read(ReadOnlySpan<byte> datagram, UdpProbeContext context)
    {
        var message = datagram.Length >= 4 && BinaryPrimitives.ReadUInt32BigEndian(datagram) == 0 ? datagram[4..] : datagram;
        Span<byte> spi = stackalloc byte[8];
        WriteInitiatorSpi(context, spi);
        if (message.Length < HeaderLength || !message[..8].SequenceEqual(spi) || message[17] >> 4 != 2
            || (message[19] & ResponseFlag) == 0 || (message[18] != IkeSaInit && message[18] != Informational))
        {
            return NotIke(datagram.Length);
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(message[24..]);
        if (length < HeaderLength || length > message.Length)
        {
            return NotIke(datagram.Length);
        }

        message = message[..(int)length];
        var next = message[16];
        var offset = HeaderLength;
        string? notify = null;
        var accepted = false;
        var group = -1;
        while (next != NoNextPayload)
        {
            if (offset + 4 > message.Length)
            {
                return NotIke(datagram.Length);
            }

            var payloadLength = BinaryPrimitives.ReadUInt16BigEndian(message[(offset + 2)..]);
            if (payloadLength < 4 || offset + payloadLength > message.Length)
            {
                return NotIke(datagram.Length);
            }

            var payload = message.Slice(offset, payloadLength);
            if (next == Notify && payload.Length >= 8 && 8 + payload[5] <= payload.Length)
            {
                notify ??= NotifySummary(BinaryPrimitives.ReadUInt16BigEndian(payload[6..]), payload[(8 + payload[5])..]);
            }
            else if (next == SecurityAssociation)
            {
                accepted = true;
            }
            else if (next == KeyExchange && payload.Length >= 6)
            {
                group = BinaryPrimitives.ReadUInt16BigEndian(payload[4..]);
            }

            next = payload[0];
            offset += payloadLength;
        }

        var summary = notify
            ?? (accepted ? $"IKEv2 IKE_SA_INIT answered{(group >= 0 ? $", DH group {group}" : string.Empty)}" : "IKEv2 answer, no proposal or notify");
        return new UdpAnswer(Protocol, true, summary);
    }

    private static string NotifySummary(ushort type, ReadOnlySpan<byte> data) => type switch
    {
        InvalidKePayload when data.Length >= 2 => $"IKEv2 INVALID_KE_PAYLOAD, wants DH group {BinaryPrimitives.ReadUInt16BigEndian(data)}",
        Cookie => "IKEv2 COOKIE: the responder asks for a cookie (under load)",
        _ => $"IKEv2 {NotifyName(type)}",
    };

    private static string NotifyName(ushort type) => type switch
    {
        1 => "UNSUPPORTED_CRITICAL_PAYLOAD",
        4 => "INVALID_IKE_SPI",
        5 => "INVALID_MAJOR_VERSION",
        7 => "INVALID_SYNTAX",
        9 => "INVALID_MESSAGE_ID",
        11 => "INVALID_SPI",
        14 => "NO_PROPOSAL_CHOSEN",
        17 => "INVALID_KE_PAYLOAD",
        24 => "AUTHENTICATION_FAILED",
        43 => "TEMPORARY_FAILURE",
        _ => $"notify {type}",
    };

    private static void WritePayloadHeader(Span<byte> payload, byte next, int length)
    {
        payload[0] = next; // then the critical bit and reserved bits, all 0
        BinaryPrimitives.WriteUInt16BigEndian(payload[2..], (ushort)length);
    }

    private static void WriteInitiatorSpi(UdpProbeContext context, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(context);
        BinaryPrimitives.WriteUInt32BigEndian(destination, context.TransactionId);
        "rike"u8.CopyTo(destination[4..]);
    }

    /// <summary>
    /// Deterministic bytes from the id (xorshift32): the KE value and nonce only need to look like a client's, the probe
    /// never derives keys from them.
    /// </summary>
    private static void Fill(Span<byte> destination, ref uint state)
    {
        if (state == 0)
        {
            state = 1;
        }

        for (var i = 0; i + 4 <= destination.Length; i += 4)
        {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            BinaryPrimitives.WriteUInt32BigEndian(destination[i..], state);
        }
    }

    private UdpAnswer NotIke(int length) => new(Protocol, false, $"{length} bytes, not an IKEv2 answer");
}
