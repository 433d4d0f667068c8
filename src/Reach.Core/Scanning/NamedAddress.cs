using System.Net;

namespace Reach.Scanning;

/// <summary>An address a host name resolved to, kept with the name so a scan can show <c>db01 (10.0.0.7)</c>.</summary>
/// <param name="HostName">The name as the user wrote it.</param>
/// <param name="Address">One of the addresses it resolved to.</param>
public readonly record struct NamedAddress(string HostName, IPAddress Address);
