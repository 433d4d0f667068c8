using System.Globalization;
using Reach.Probes;
using Reach.Scanning;

namespace Reach.Cli.Rendering.Scan;

/// <summary>
/// Why <c>--fail-on-closed</c> exits 1, on stderr, so a CI log says it: the ports that were not open with their state
/// and reason, one line per host, the first <see cref="Shown"/> in host then port order and a count of the rest;
/// then the names that did not resolve.
/// </summary>
internal static class FailOnClosedReport
{
    /// <summary>How many ports (and unresolved names) are named; the rest are counted.</summary>
    public const int Shown = 20;

    public static void Write(TextWriter error, ScanNotOpenPorts notOpen, ScanPlan plan, ScanSummary summary)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(notOpen);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(summary);
        if (notOpen.Count > 0)
        {
            var probed = summary.PortsScanned + summary.Errors;
            error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"reach: --fail-on-closed: {notOpen.Count} of {probed} port{(probed == 1 ? string.Empty : "s")} not open:"));
            var first = notOpen.First();
            foreach (var host in first.GroupBy(r => r.Target.HostIndex))
            {
                var address = host.First().Target.Address;
                var name = plan.Addresses.HostNameOf(address);
                var ports = string.Join(", ", host.Select(r => $"{r.Target.Port} {r.State.ToWord()} ({r.Reason.ToWord()})"));
                error.WriteLine($"  {(name is null ? address.ToString() : $"{name} ({address})")}: {ports}");
            }

            if (notOpen.Count > first.Count)
            {
                error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  and {notOpen.Count - first.Count} more"));
            }
        }

        if (plan.Unresolved.Count > 0)
        {
            var names = string.Join(", ", plan.Unresolved.Take(Shown).Select(u => u.Host));
            var more = plan.Unresolved.Count > Shown
                ? string.Create(CultureInfo.InvariantCulture, $" and {plan.Unresolved.Count - Shown} more")
                : string.Empty;
            error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"reach: --fail-on-closed: {plan.Unresolved.Count} name{(plan.Unresolved.Count == 1 ? string.Empty : "s")} did not resolve: {names}{more}"));
        }

        error.Flush();
    }
}
