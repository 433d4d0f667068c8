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
        $"{listener.Proto} {Endpoint(listener)}  {listener.Process ?? "?"}  {Exposure(listener)}";

    private static string Endpoint(BaselineListener listener) =>
        EndpointNotation.Local(new System.Net.IPEndPoint(System.Net.IPAddress.Parse(listener.Address), listener.Port));

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
