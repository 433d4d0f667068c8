namespace Reach.UdpProbing;

/// <summary>
/// A datagram that came back, read as the probe's protocol. Any datagram from the port proves it open
/// (<c>udp-response</c>); <see cref="Recognized"/> says whether it is this protocol's answer to this probe.
/// </summary>
/// <param name="Protocol">The protocol the probe spoke.</param>
/// <param name="Recognized">True when the datagram is a well-formed answer to the probe (its id matched).</param>
/// <param name="Summary">What it says, as one printable line: <c>NOERROR, 2 records</c>, <c>stratum 2, offset +0.8 ms</c>,
/// or why it was not recognized (<c>48 bytes, not a DNS answer</c>). Never the server's bytes raw.</param>
public sealed record UdpAnswer(UdpProtocol Protocol, bool Recognized, string Summary);
