namespace Reach.Reflector;

/// <summary>A validated <c>POST /v1/check</c> body: distinct ports in the order asked, and the protocol (tcp only).</summary>
internal sealed record PortCheckRequest(IReadOnlyList<int> Ports, string Proto);
