using System.Net;

namespace Reach.Monitoring.Hosting;

/// <summary>What <c>reach watch</c> was started with.</summary>
/// <param name="ConfigPath">The reach.yaml (absolute).</param>
/// <param name="DataDirectory">Where the store lives.</param>
/// <param name="Listen">Where the HTTP server (status API, /metrics, /healthz) listens; null for none.</param>
/// <param name="Token">The bearer token every request but /healthz must carry; null for none (loopback only).</param>
public sealed record WatchOptions(string ConfigPath, string DataDirectory, IPEndPoint? Listen = null, string? Token = null)
{
    /// <summary>Where the HTTP server listens unless told otherwise: loopback only, so no token is needed.</summary>
    public static IPEndPoint DefaultListen { get; } = new(IPAddress.Loopback, 9105);
}
