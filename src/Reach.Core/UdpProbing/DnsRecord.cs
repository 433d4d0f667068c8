namespace Reach.UdpProbing;

/// <summary>A resource record as read: its owner name, type, and where its data lies in the message.</summary>
internal readonly record struct DnsRecord(string Name, ushort Type, int DataOffset, int DataLength);
