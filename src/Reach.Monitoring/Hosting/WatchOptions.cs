namespace Reach.Monitoring.Hosting;

/// <summary>What <c>reach watch</c> was started with.</summary>
/// <param name="ConfigPath">The reach.yaml (absolute).</param>
/// <param name="DataDirectory">Where the store lives.</param>
public sealed record WatchOptions(string ConfigPath, string DataDirectory);
