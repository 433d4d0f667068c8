using System.Net;

namespace Reach.Checking;

/// <summary>The PTR name of an address, or null when it has none.</summary>
public sealed record ReverseName(IPAddress Address, string? Name);
