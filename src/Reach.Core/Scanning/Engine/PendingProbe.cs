namespace Reach.Scanning.Engine;

/// <summary>A probe waiting to be sent: its target, which attempt this is, and the timeout it will get.</summary>
internal readonly record struct PendingProbe(ScanProbeTarget Target, int Attempt, TimeSpan? Timeout);
