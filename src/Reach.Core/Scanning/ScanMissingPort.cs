using Reach.Probes;

namespace Reach.Scanning;

/// <summary>A scanned port that was not open on a host: closed, filtered, or not probed (a local error).</summary>
public readonly record struct ScanMissingPort(int Port, PortState State, ProbeReason Reason);
