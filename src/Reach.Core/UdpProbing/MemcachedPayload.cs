using System.Buffers.Binary;
using System.Text;
using Reach.Text;

namespace Reach.UdpProbing;

/// <summary>
/// memcached over UDP: the <c>version</c> command behind the 8-byte UDP frame header (request id, sequence number,
/// datagram count, reserved; memcached's protocol.txt, "UDP protocol"). The server echoes the request id.
/// </summary>
public sealed class MemcachedPayload : IUdpPayload
{
    private const int HeaderLength = 8;
    private static readonly byte[] Command = "version\r\n"u8.ToArray();
    private static readonly int[] DefaultPorts = [11211];

    public UdpProtocol Protocol => UdpProtocol.Memcached;

    public IReadOnlyList<int> Ports => DefaultPorts;

    public byte[] Build(UdpProbeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var datagram = new byte[HeaderLength + Command.Length];
        BinaryPrimitives.WriteUInt16BigEndian(datagram, RequestId(context));
        BinaryPrimitives.WriteUInt16BigEndian(datagram.AsSpan(2), 0); // sequence number
        BinaryPrimitives.WriteUInt16BigEndian(datagram.AsSpan(4), 1); // datagrams in this message
        Command.CopyTo(datagram, HeaderLength);                         // bytes 6-7 stay reserved (0)
        return datagram;
    }

    public UdpAnswer Read(ReadOnlySpan<byte> datagram, UdpProbeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (datagram.Length <= HeaderLength || BinaryPrimitives.ReadUInt16BigEndian(datagram) != RequestId(context))
        {
            return new UdpAnswer(Protocol, false, $"{datagram.Length} bytes, not a memcached answer");
        }

        var body = datagram[HeaderLength..];
        var end = body.IndexOf("\r\n"u8);
        if (end < 0)
        {
            return new UdpAnswer(Protocol, false, $"{datagram.Length} bytes, not a memcached answer (no line end)");
        }

        var line = Encoding.Latin1.GetString(body[..Math.Min(end, 200)]);
        return line.StartsWith("VERSION ", StringComparison.Ordinal)
            ? new UdpAnswer(Protocol, true, $"memcached {Printable.OneLine(line["VERSION ".Length..], 80)}")
            : new UdpAnswer(Protocol, true, $"memcached answered {Printable.OneLine(line, 80)}");
    }

    private static ushort RequestId(UdpProbeContext context) => (ushort)context.TransactionId;
}
