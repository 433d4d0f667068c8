namespace Reach.External;

// The HTTP contract of a reach reflector (`reach serve`), defined once: the reflector writes these records and
// ReflectorClient reads them, both through ReachJsonContext.Wire. The fields are nullable and the words plain strings
// so that the client reads any reflector without failing: unknown fields are ignored, missing ones read as null, and a
// state or reason word this version does not know is kept as it came (OutsidePortResult.StateWord and ReasonWord).
// The reflector fills every field of its answers.

/// <summary><c>GET /v1/ip</c>: the caller's address as the reflector sees it.</summary>
public sealed record ReflectorIpWire(string? Ip);

/// <summary>
/// <c>POST /v1/check</c> body: which ports of the caller to probe. The client writes it; the reflector reads it strictly
/// (distinct ports 1-65535 in the order asked, proto <c>tcp</c>, no other field), so one it returns is valid.
/// </summary>
public sealed record ReflectorCheckRequestWire(IReadOnlyList<int> Ports, string Proto);

/// <summary><c>POST /v1/check</c> answer: the address probed (the caller's) and one result per port.</summary>
public sealed record ReflectorCheckWire(string? Ip, IReadOnlyList<ReflectorPortWire>? Results);

/// <summary>One probed port: nmap's state and reason words, the connect time, the reflector's sentence.</summary>
public sealed record ReflectorPortWire(int Port, string? State, string? Reason, double? RttMs, string? Explanation);

/// <summary>Every error answer: <c>{"error": "..."}</c>, one sentence naming the bad part.</summary>
public sealed record ReflectorErrorWire(string? Error);
