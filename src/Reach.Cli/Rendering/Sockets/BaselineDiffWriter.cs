using System.Globalization;
using Reach.Sockets;
using Reach.Sockets.Baseline;

namespace Reach.Cli.Rendering.Sockets;

/// <summary>The human report of <c>--diff</c>: appeared, disappeared, more exposed; or one line saying nothing changed.</summary>
internal static class BaselineDiffWriter
{
    public static void Write(TextWriter writer, BaselineDiff diff, string baselinePath)
    {
        if (!diff.HasChanges)
        {
            writer.WriteLine($"no change since the baseline '{baselinePath}'");
            return;
        }

        foreach (var listener in diff.Appeared)
        {
            writer.WriteLine($"appeared      {Describe(listener)}");
        }

        foreach (var listener in diff.Disappeared)
        {
            writer.WriteLine($"disappeared   {Describe(listener)}");
        }

        foreach (var change in diff.MoreExposed)
        {
            writer.WriteLine($"more exposed  {Describe(change.Now)}  (was {Endpoint(change.Before)}, {Exposure(change.Before)})");
        }
    }

    private static string Describe(BaselineListener listener) =>
        $"{listener.Proto} {Endpoint(listener)}  {TerminalText.Escape(listener.Process) ?? "?"}  {Exposure(listener)}";

    /// <summary>
    /// The address as the baseline recorded it (a zone by the name it had: an interface that is gone now has no index
    /// to parse it back to), IPv6 in brackets, as <see cref="EndpointNotation.Local"/> writes it.
    /// </summary>
    private static string Endpoint(BaselineListener listener)
    {
        var address = listener.Address.Contains(':', StringComparison.Ordinal) ? $"[{listener.Address}]" : listener.Address;
        return string.Create(CultureInfo.InvariantCulture, $"{address}:{listener.Port}");
    }

    private static string Exposure(BaselineListener listener)
    {
        if (listener.Exposure != "any")
        {
            return listener.Reach.ToWord();
        }

        var families = listener.Ipv4 switch
        {
            null => "v4",
            false => "v6",
            true => "v4+v6",
        };
        return string.Create(CultureInfo.InvariantCulture, $"any {families} ({listener.Reach.ToWord()})");
    }
}
