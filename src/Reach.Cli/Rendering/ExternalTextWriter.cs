using System.Globalization;
using Reach.External;

namespace Reach.Cli.Rendering;

/// <summary>The text of <c>reach external</c>: where this host stands, then one verdict and next step per port.</summary>
internal static class ExternalTextWriter
{
    public static void Write(TextWriter writer, ExternalReport report)
    {
        writer.WriteLine($"reflector  {report.Reflector}");
        writer.WriteLine($"address    {report.Nat.Sentence}");
        if (report.Nat.ReflectorIsPrivate)
        {
            writer.WriteLine($"note       the reflector sees the private address {report.Nat.PublicAddress}: it is not on the internet, so it says what hosts of that network see");
        }

        foreach (var verdict in report.Verdicts)
        {
            writer.WriteLine();
            var port = verdict.Port.ToString(CultureInfo.InvariantCulture) + "/tcp";
            var state = verdict.Reachable ? "reachable from outside" : "NOT reachable from outside";
            writer.WriteLine($"{port,-10} {state} [{verdict.Kind.ToWord()}]");
            writer.WriteLine($"  {verdict.Summary}");
            if (verdict.NextStep is { } next)
            {
                writer.WriteLine($"  next: {next}");
            }
        }
    }
}
