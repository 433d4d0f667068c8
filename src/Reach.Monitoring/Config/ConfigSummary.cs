using System.Globalization;

namespace Reach.Monitoring.Config;

/// <summary>What a configuration holds, in words (<c>2 checks, 39 targets, 1 alert channel</c>): for
/// <c>--check-config</c> and the start and reload log lines.</summary>
internal static class ConfigSummary
{
    public static string Describe(int checks, int targets) => $"{Count(checks, "check")}, {Count(targets, "target")}";

    public static string Describe(int checks, int targets, int alertChannels) => $"{Describe(checks, targets)}, {Count(alertChannels, "alert channel")}";

    private static string Count(int count, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {noun}{(count == 1 ? string.Empty : "s")}");
}
