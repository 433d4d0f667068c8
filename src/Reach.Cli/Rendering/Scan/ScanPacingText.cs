using System.Globalization;
using Reach.Scanning;

namespace Reach.Cli.Rendering.Scan;

/// <summary>The <c>--verbose</c> account of how a scan paced itself, one line for stderr.</summary>
internal static class ScanPacingText
{
    public static string Describe(ScanPacing pacing)
    {
        ArgumentNullException.ThrowIfNull(pacing);
        var roundTrip = pacing.SmoothedRoundTrip is { } rtt
            ? string.Create(CultureInfo.InvariantCulture, $"round trip {rtt.TotalMilliseconds:0.###} ms, timeout {pacing.Timeout!.Value.TotalMilliseconds:0.#} ms")
            : "nothing answered";
        var delay = pacing.DelayRaises == 0
            ? "no send delay"
            : string.Create(CultureInfo.InvariantCulture, $"send delay raised {pacing.DelayRaises} times (longest {pacing.LongestDelay.TotalMilliseconds:0.#} ms between probes to one host)");
        return string.Create(
            CultureInfo.InvariantCulture,
            $"reach: pacing: {pacing.Drops} drops detected, {delay}, {pacing.TimingProbes} timing probes ({pacing.TimingLosses} lost), {pacing.QueueingHolds} answers with growing round trips, final window {pacing.Window}, {roundTrip}");
    }
}
