using Reach.Scanning;

namespace Reach.Monitoring.Config;

/// <summary>One item of a check's targets: a host name, an address, a network or range, optionally with its own port.</summary>
/// <param name="Text">As written, for messages.</param>
/// <param name="Host">The host name or address spec (a range covers one or more addresses).</param>
/// <param name="Port">The port given with the target (<c>db01:5432</c>); null to use the check's ports.</param>
/// <param name="Url">For a URL target (<c>https://shop.example/health</c>, http checks only): what to ask.</param>
internal sealed record TargetEntry(string Text, HostSpec Host, int? Port, Uri? Url = null);
