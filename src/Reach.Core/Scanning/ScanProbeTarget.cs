using System.Net;

namespace Reach.Scanning;

/// <summary>One address and port to probe; <paramref name="HostIndex"/> identifies the host within the scan.</summary>
public readonly record struct ScanProbeTarget(long HostIndex, IPAddress Address, int Port);
