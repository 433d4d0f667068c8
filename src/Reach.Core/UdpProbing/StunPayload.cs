using System.Buffers.Binary;
using System.Net;
using System.Text;
using Reach.Text;

namespace Reach.UdpProbing;

/// <summary>
/// STUN (RFC 8489): a Binding Request without attributes. The answer echoes the 96-bit transaction id (the probe's id
/// and 8 fixed bytes) and carries the address the server saw us from (XOR-MAPPED-ADDRESS, or the old MAPPED-ADDRESS of
/// RFC 3489 servers), often with the server's SOFTWARE.
/// </summary>
public sealed class StunPayload : IUdpPayload
{
    private const int HeaderLength = 20;
    private const uint MagicCookie = 0x2112A442;
    private const ushort BindingRequest = 0x0001;
    private const ushort BindingSuccess = 0x0101;
    private const ushort BindingError = 0x0111;
    private const ushort MappedAddress = 0x0001;
    private const ushort ErrorCode = 0x0009;
    private const ushort XorMappedAddress = 0x0020;
    private const ushort Software = 0x8022;
    private static readonly int[] DefaultPorts = [3478];

    public UdpProtocol Protocol => UdpProtocol.Stun;

    public IReadOnlyList<int> Ports => DefaultPorts;

    public byte[] Build(UdpProbeContext context)
    {
        var datagram = new byte[HeaderLength];
        BinaryPrimitives.WriteUInt16BigEndian(datagram, BindingRequest); // bytes 2-3: no attributes, length 0
        BinaryPrimitives.WriteUInt32BigEndian(datagram.AsSpan(4), MagicCookie);
        WriteTransactionId(context, datagram.AsSpan(8, 12));
        return datagram;
    }

    public UdpAnswer Read(ReadOnlySpan<byte> datagram, UdpProbeContext context)
    {
        Span<byte> transaction = stackalloc byte[12];
        WriteTransactionId(context, transaction);
        if (datagram.Length < HeaderLength
            || BinaryPrimitives.ReadUInt32BigEndian(datagram[4..]) != MagicCookie
            || !datagram.Slice(8, 12).SequenceEqual(transaction))
        {
            return NotStun(datagram.Length);
        }

        var type = BinaryPrimitives.ReadUInt16BigEndian(datagram);
        var length = BinaryPrimitives.ReadUInt16BigEndian(datagram[2..]);
        if ((type != BindingSuccess && type != BindingError) || length % 4 != 0 || HeaderLength + length > datagram.Length)
        {
            return NotStun(datagram.Length);
        }

        string? mapped = null, software = null, error = null;
        var attributes = datagram.Slice(HeaderLength, length);
        while (attributes.Length >= 4)
        {
            var attribute = BinaryPrimitives.ReadUInt16BigEndian(attributes);
            var size = BinaryPrimitives.ReadUInt16BigEndian(attributes[2..]);
            if (4 + size > attributes.Length)
            {
                return NotStun(datagram.Length);
            }

            var value = attributes.Slice(4, size);
            switch (attribute)
            {
                case XorMappedAddress:
                    mapped = Address(value, datagram.Slice(4, 16)) ?? mapped;
                    break;
                case MappedAddress:
                    mapped ??= Address(value, default);
                    break;
                case Software:
                    software = Printable.OneLine(Encoding.UTF8.GetString(value[..Math.Min(value.Length, 128)]), 80);
                    break;
                case ErrorCode when value.Length >= 4:
                    var reason = Printable.OneLine(Encoding.UTF8.GetString(value[4..Math.Min(value.Length, 132)]), 80);
                    error = $"error {(value[2] & 0x7) * 100 + value[3]}{(reason.Length > 0 ? ": " + reason : string.Empty)}";
                    break;
            }

            attributes = attributes[Math.Min(attributes.Length, 4 + ((size + 3) & ~3))..]; // values are padded to 4 bytes
        }

        var summary = type == BindingError
            ? error ?? "binding error"
            : mapped is null ? "binding success, no mapped address" : $"mapped address {mapped}";
        return new UdpAnswer(Protocol, true, software is null ? summary : $"{summary}, software {software}");
    }

    /// <summary>
    /// An address attribute: family (1: IPv4, 2: IPv6), port, address; XOR-ed with the cookie and transaction id when
    /// <paramref name="xor"/> (the header's bytes 4-19) is given.
    /// </summary>
    private static string? Address(ReadOnlySpan<byte> value, ReadOnlySpan<byte> xor)
    {
        var addressLength = value.Length >= 4 ? value[1] switch { 1 => 4, 2 => 16, _ => 0 } : 0;
        if (addressLength == 0 || value.Length < 4 + addressLength)
        {
            return null;
        }

        Span<byte> bytes = stackalloc byte[addressLength + 2];
        value.Slice(2, addressLength + 2).CopyTo(bytes);
        for (var i = 0; i < bytes.Length && !xor.IsEmpty; i++)
        {
            // the port is XOR-ed with the cookie's top 16 bits, the address with the cookie (and then the transaction id)
            bytes[i] ^= xor[i < 2 ? i : i - 2];
        }

        var port = BinaryPrimitives.ReadUInt16BigEndian(bytes);
        return new IPEndPoint(new IPAddress(bytes[2..]), port).ToString();
    }

    private static void WriteTransactionId(UdpProbeContext context, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(context);
        BinaryPrimitives.WriteUInt32BigEndian(destination, context.TransactionId);
        "reachudp"u8.CopyTo(destination[4..]);
    }

    private UdpAnswer NotStun(int length) => new(Protocol, false, $"{length} bytes, not a STUN answer");
}
