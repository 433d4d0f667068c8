namespace Reach.Lab.Tests.Lab;

/// <summary>
/// ICMP errors are rate-limited by default: REJECTed probes in a burst, or expired TTLs in a trace, would look like
/// no-response. Two limits apply: the per-destination one (icmp_ratelimit) and a budget of messages per second
/// (icmp_msgs_per_sec) for the types in the ratemask. On kernels before 6.12 that budget is shared by every namespace,
/// so the rest of the lab (a scan against REJECT rules) could use it up: clearing both ratemasks exempts all types.
/// </summary>
internal static class IcmpRateLimits
{
    private const string V6Mask = "/proc/sys/net/ipv6/icmp/ratemask";

    public static void DisableIn(string namespaceName) =>
        NetworkNamespace.Run(namespaceName, () =>
        {
            // /proc/sys/net is the namespace of the thread that opens it.
            File.WriteAllText("/proc/sys/net/ipv4/icmp_ratelimit", "0\n");
            File.WriteAllText("/proc/sys/net/ipv4/icmp_ratemask", "0\n");
            File.WriteAllText("/proc/sys/net/ipv6/icmp/ratelimit", "0\n");
            if (File.Exists(V6Mask))
            {
                // An empty list: no ICMPv6 type is rate-limited (kernels before 5.x have no such knob).
                File.WriteAllText(V6Mask, "\n");
            }

            return true;
        });
}
