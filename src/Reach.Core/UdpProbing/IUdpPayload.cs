namespace Reach.UdpProbing;

/// <summary>
/// One UDP service's probe: the datagram that makes a real server answer, and the reading of what came back. Both are
/// pure (no I/O), so they are unit-tested on captured bytes. Reading never throws and never trusts the datagram: every
/// length is checked against what arrived, and text from it is escaped into one printable line.
/// </summary>
public interface IUdpPayload
{
    UdpProtocol Protocol { get; }

    /// <summary>The ports this probe is sent to by default (DNS: 53; Kerberos: 88, 464).</summary>
    IReadOnlyList<int> Ports { get; }

    /// <summary>The datagram to send (a new array each call).</summary>
    byte[] Build(UdpProbeContext context);

    /// <summary>The datagram that came back, read as this protocol's answer to the probe built from <paramref name="context"/>.</summary>
    UdpAnswer Read(ReadOnlySpan<byte> datagram, UdpProbeContext context);
}
