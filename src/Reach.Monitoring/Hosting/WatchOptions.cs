using System.Net;

namespace Reach.Monitoring.Hosting;

/// <summary>What <c>reach watch</c> was started with.</summary>
/// <param name="ConfigPath">The reach.yaml (absolute).</param>
/// <param name="DataDirectory">Where the store lives.</param>
/// <param name="Listen">Where the HTTP server (status API, /metrics, /healthz) listens; null for none.</param>
/// <param name="Token">The bearer token every request but /healthz must carry; null for none (loopback only).</param>
/// <param name="Store">Where history goes: null for SQLite in <paramref name="DataDirectory"/>, or a shared PostgreSQL database.</param>
/// <param name="Agent">The name this agent writes under in a shared store (default: the host name).</param>
internal sealed record WatchOptions(
    string ConfigPath,
    string DataDirectory,
    IPEndPoint? Listen = null,
    string? Token = null,
    Store.StoreSpec? Store = null,
    string? Agent = null)
{
    /// <summary>Where the HTTP server listens unless told otherwise: loopback only, so no token is needed.</summary>
    public static IPEndPoint DefaultListen { get; } = new(IPAddress.Loopback, 9105);
}
