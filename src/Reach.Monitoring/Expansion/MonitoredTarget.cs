using System.Net;
using Reach.Monitoring.Config;

namespace Reach.Monitoring.Expansion;

/// <summary>One (check, host, port) to probe on the check's schedule.</summary>
/// <param name="Key">Its identity.</param>
/// <param name="Check">The check it belongs to (interval, timeout, thresholds, type, labels).</param>
/// <param name="Address">The address when the host is one; null for a name, resolved before each probe round.</param>
/// <param name="Url">What an http check asks of a URL target; null: the check's path on the key's host and port.</param>
internal sealed record MonitoredTarget(TargetKey Key, CheckDefinition Check, IPAddress? Address, Uri? Url = null)
{
    public bool IsName => Address is null;

    /// <summary>
    /// Whether a reload changed nothing that matters to this target's state: same key, type and thresholds.
    /// A changed interval or timeout keeps the state too; a changed type (tcp to icmp) does not.
    /// </summary>
    public bool SameStateAs(MonitoredTarget other) =>
        other is not null && Key == other.Key && Check.Type == other.Check.Type;
}
