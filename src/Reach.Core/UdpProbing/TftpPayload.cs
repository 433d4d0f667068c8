using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Reach.Text;

namespace Reach.UdpProbing;

/// <summary>
/// TFTP (RFC 1350): a read request (RRQ) for a file named after the probe's id, which cannot exist, so a server answers
/// ERROR "File not found" and sends nothing else. The answer comes from a new server port (TFTP's transfer id), not from
/// 69: the caller must accept it from any port of the target. TFTP echoes nothing of the request, so an answer is
/// recognized by its form alone: a whole ERROR, or DATA block 1 (the file is there after all).
/// </summary>
public sealed class TftpPayload : IUdpPayload
{
    private const ushort ReadRequest = 1;
    private const ushort Data = 3;
    private const ushort Error = 5;
    private static readonly int[] DefaultPorts = [69];

    public UdpProtocol Protocol => UdpProtocol.Tftp;

    public IReadOnlyList<int> Ports => DefaultPorts;

    /// <summary>The file the probe asks for: <c>reach-probe-</c> and the id in hex.</summary>
    public static string FileName(UdpProbeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return "reach-probe-" + context.TransactionId.ToString("x8", CultureInfo.InvariantCulture);
    }

    public byte[] Build(UdpProbeContext context)
    {
        var name = Encoding.ASCII.GetBytes(FileName(context));
        var mode = "octet"u8;
        var datagram = new byte[2 + name.Length + 1 + mode.Length + 1];
        BinaryPrimitives.WriteUInt16BigEndian(datagram, ReadRequest);
        name.CopyTo(datagram, 2);
        mode.CopyTo(datagram.AsSpan(2 + name.Length + 1)); // each string ends in a NUL (left 0)
        return datagram;
    }

    public UdpAnswer Read(ReadOnlySpan<byte> datagram, UdpProbeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var opcode = datagram.Length >= 4 ? BinaryPrimitives.ReadUInt16BigEndian(datagram) : (ushort)0;
        if (opcode == Error)
        {
            var message = datagram[4..];
            var end = message.IndexOf((byte)0);
            if (end >= 0)
            {
                var code = BinaryPrimitives.ReadUInt16BigEndian(datagram[2..]);
                var text = end == 0 ? CodeName(code) : Printable.OneLine(Encoding.Latin1.GetString(message[..Math.Min(end, 200)]), 120);
                return new UdpAnswer(Protocol, true, $"error {code}: {text}");
            }
        }
        else if (opcode == Data && BinaryPrimitives.ReadUInt16BigEndian(datagram[2..]) == 1)
        {
            return new UdpAnswer(Protocol, true, $"the file exists: DATA block 1, {datagram.Length - 4} bytes");
        }

        return new UdpAnswer(Protocol, false, $"{datagram.Length} bytes, not a TFTP answer");
    }

    private static string CodeName(ushort code) => code switch
    {
        0 => "not defined",
        1 => "file not found",
        2 => "access violation",
        3 => "disk full",
        4 => "illegal operation",
        5 => "unknown transfer id",
        6 => "file exists",
        7 => "no such user",
        8 => "option refused",
        _ => "unknown code",
    };
}
