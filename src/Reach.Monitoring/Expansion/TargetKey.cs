using System.Globalization;

namespace Reach.Monitoring.Expansion;

/// <summary>
/// What one monitored target is, stable across restarts and reloads: the check, the host as configured (an
/// address, or a name whose address may change) and the port (0 for icmp). State and history hang off it.
/// </summary>
internal readonly record struct TargetKey(string Check, string Host, int Port)
{
    /// <summary><c>web/10.0.0.5:80</c>, <c>web/db01:5432</c>, <c>dcs/[fd00::1]:389</c>, <c>ping/10.0.0.1</c>.</summary>
    public override string ToString()
    {
        var host = Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host;
        return Port == 0 ? $"{Check}/{host}" : string.Create(CultureInfo.InvariantCulture, $"{Check}/{host}:{Port}");
    }

    /// <summary>The endpoint part alone: <c>10.0.0.5:80</c>, <c>[fd00::1]:389</c>, <c>10.0.0.1</c>.</summary>
    public string Endpoint
    {
        get
        {
            var text = ToString();
            return text[(text.IndexOf('/', StringComparison.Ordinal) + 1)..];
        }
    }
}
