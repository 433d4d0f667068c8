using Reach.Text;

namespace Reach.UdpProbing;

/// <summary>
/// DNS (53): a recursive query for the root's NS records, as <c>dig . NS</c> sends it. Resolvers answer it from their
/// root hints, authoritative servers with a referral or REFUSED: every DNS server answers something.
/// </summary>
public sealed class DnsPayload : IUdpPayload
{
    private const ushort RecursionDesired = 0x0100;

    private static readonly int[] DefaultPorts = [53];

    public UdpProtocol Protocol => UdpProtocol.Dns;

    public IReadOnlyList<int> Ports => DefaultPorts;

    public byte[] Build(UdpProbeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return DnsWire.Query(Id(context), RecursionDesired, ".", DnsWire.TypeNs, DnsWire.ClassIn);
    }

    public UdpAnswer Read(ReadOnlySpan<byte> datagram, UdpProbeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return DnsReply.TryRead(datagram, Id(context), ".", DnsWire.TypeNs, "a DNS answer", out var reply, out var reason)
            ? new UdpAnswer(Protocol, true, Printable.OneLine(reply.Summary()))
            : new UdpAnswer(Protocol, false, reason);
    }

    /// <summary>DNS ids are 16 bits: the transaction id's low half.</summary>
    internal static ushort Id(UdpProbeContext context) => (ushort)context.TransactionId;
}
