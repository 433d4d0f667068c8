namespace Reach.Targets;

/// <summary>A TCP port and the service name it was given as (or is known by).</summary>
/// <param name="Number">1 to 65535.</param>
/// <param name="ServiceName">The IANA name (<c>https</c>), or null when the port has none in the catalog.</param>
public readonly record struct PortSpec(int Number, string? ServiceName);
