using System.Globalization;
using System.Net;
using Reach.Targets;

namespace Reach.Cli.Rendering.Ping;

/// <summary>How <c>reach ping</c> prints times: with microseconds, or in whole milliseconds when that is all the OS API gives.</summary>
internal static class PingFormat
{
    public static string RoundTrip(TimeSpan roundTrip, bool wholeMilliseconds) => wholeMilliseconds
        ? roundTrip.TotalMilliseconds < 1 ? "time<1 ms" : Invariant($"time={roundTrip.TotalMilliseconds:0} ms")
        : Invariant($"time={roundTrip.TotalMilliseconds:0.000} ms");

    public static string Milliseconds(double value) => Invariant($"{value:0.000}");

    /// <summary>"6 s", "1.5 s", "250 ms".</summary>
    public static string Duration(TimeSpan duration) => duration.TotalSeconds >= 1
        ? Invariant($"{duration.TotalSeconds:0.###} s")
        : Invariant($"{duration.TotalMilliseconds:0} ms");

    /// <summary>Local wall-clock time of day, as ping users read it next to their logs.</summary>
    public static string Clock(DateTimeOffset at) => at.ToLocalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    public static string Endpoint(IPAddress address, int? port) =>
        port is { } p ? TargetSpec.FormatEndpoint(address.ToString(), p) : address.ToString();

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
