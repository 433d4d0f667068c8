namespace Reach.Tracing;

/// <summary>An ICMP message about one of our echo requests, as a raw socket received it.</summary>
/// <param name="IsIpv6">ICMPv6 numbering.</param>
/// <param name="Type">The ICMP type of the message received (echo reply, time exceeded, unreachable).</param>
/// <param name="Code">Its code.</param>
/// <param name="Identifier">The echo identifier: of the reply, or of our request quoted inside the error.</param>
/// <param name="Sequence">The echo sequence number, the same way.</param>
internal readonly record struct IcmpMessage(bool IsIpv6, byte Type, byte Code, ushort Identifier, ushort Sequence)
{
    public bool IsEchoReply => Type == (IsIpv6 ? IcmpEchoPacket.EchoReplyV6 : IcmpEchoPacket.EchoReplyV4);
}
