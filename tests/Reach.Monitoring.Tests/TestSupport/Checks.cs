using Reach.Monitoring.Config;
using Reach.Monitoring.Expansion;
using Reach.Scanning;

namespace Reach.Monitoring.Tests.TestSupport;

/// <summary>Checks and targets built in code, for tests that need no YAML.</summary>
internal static class Checks
{
    public static CheckDefinition Tcp(string name, TimeSpan interval, int downAfter = 2, int upAfter = 1) =>
        new(name, CheckType.Tcp, [], PortSet.Empty, interval, interval / 2, downAfter, upAfter, new Dictionary<string, string>());

    public static CheckDefinition Icmp(string name, TimeSpan interval) =>
        new(name, CheckType.Icmp, [], PortSet.Empty, interval, interval / 2, 2, 1, new Dictionary<string, string>());

    public static MonitoredTarget Target(CheckDefinition check, string address, int port) =>
        new(new TargetKey(check.Name, address, port), check, System.Net.IPAddress.Parse(address));

    public static IReadOnlyList<MonitoredTarget> Targets(CheckDefinition check, int count, int port = 80) =>
        [.. Enumerable.Range(0, count).Select(i => Target(check, $"10.{i / 65536 % 256}.{i / 256 % 256}.{i % 256}", port))];
}
