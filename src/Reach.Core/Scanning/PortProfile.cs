namespace Reach.Scanning;

/// <summary>A named set of ports for a server role (<c>--profile ad-dc</c>).</summary>
/// <param name="Name">The name, lower case (<c>ad-dc</c>); lookups ignore case.</param>
/// <param name="Description">What kind of server the ports belong to, one line.</param>
/// <param name="Ports">The ports.</param>
public sealed record PortProfile(string Name, string Description, PortSet Ports);
