namespace Reach.External;

// The HTTP contract of a reach reflector (`reach serve`), as this client reads it. Unknown fields are ignored, so a
// newer reflector can add some without breaking older clients.

/// <summary><c>GET /v1/ip</c>: the caller's address as the reflector sees it.</summary>
public sealed record ReflectorIpWire(string? Ip);

/// <summary><c>POST /v1/check</c> body: which ports of the caller to probe.</summary>
public sealed record ReflectorCheckRequestWire(IReadOnlyList<int> Ports, string Proto);

/// <summary><c>POST /v1/check</c> answer.</summary>
public sealed record ReflectorCheckWire(string? Ip, IReadOnlyList<ReflectorPortWire>? Results);

/// <summary>One probed port: nmap's state and reason words, the connect time.</summary>
public sealed record ReflectorPortWire(int Port, string? State, string? Reason, double? RttMs, string? Explanation);

/// <summary>Every error answer: <c>{"error": "..."}</c>.</summary>
public sealed record ReflectorErrorWire(string? Error);
