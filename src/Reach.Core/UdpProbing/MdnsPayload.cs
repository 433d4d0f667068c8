using Reach.Text;

namespace Reach.UdpProbing;

/// <summary>
/// mDNS (5353): a query for the DNS-SD service types (<c>_services._dns-sd._udp.local</c> PTR, RFC 6763 §9) with the
/// unicast-response bit (RFC 6762 §5.4). Sent from an ephemeral port it is a legacy unicast query (RFC 6762 §6.7),
/// so the responder answers us directly, repeating our id and question.
/// </summary>
public sealed class MdnsPayload : IUdpPayload
{
    /// <summary>The DNS-SD meta-query: every service type the host advertises.</summary>
    internal const string ServicesName = "_services._dns-sd._udp.local";

    /// <summary>The top bit of the question class asks for a unicast answer (the "QU" bit).</summary>
    private const ushort UnicastResponse = 0x8000;

    /// <summary>The most service types the summary names; the rest are counted.</summary>
    private const int ShownServices = 6;

    private static readonly int[] DefaultPorts = [5353];

    public UdpProtocol Protocol => UdpProtocol.Mdns;

    public IReadOnlyList<int> Ports => DefaultPorts;

    public byte[] Build(UdpProbeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return DnsWire.Query(DnsPayload.Id(context), 0, ServicesName, DnsWire.TypePtr, DnsWire.ClassIn | UnicastResponse);
    }

    public UdpAnswer Read(ReadOnlySpan<byte> datagram, UdpProbeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!DnsReply.TryRead(datagram, DnsPayload.Id(context), ServicesName, DnsWire.TypePtr, "an mDNS answer",
                out var reply, out var reason))
        {
            return new UdpAnswer(Protocol, false, reason);
        }

        var summary = reply.Summary();
        if (reply.PtrTargets.Count > 0)
        {
            // "_ssh._tcp.local" is said "_ssh._tcp": every name here is under .local.
            var services = reply.PtrTargets.Take(ShownServices)
                .Select(name => name.EndsWith(".local", StringComparison.OrdinalIgnoreCase) ? name[..^6] : name);
            var more = reply.PtrTargets.Count > ShownServices ? $" and {reply.PtrTargets.Count - ShownServices} more" : "";
            summary += $": {string.Join(", ", services)}{more}";
        }

        return new UdpAnswer(Protocol, true, Printable.OneLine(summary, 300));
    }
}
