using System.Globalization;
using Reach.Sockets;

namespace Reach.Cli.Rendering.Sockets;

/// <summary><c>--outbound</c> as a table: one line per remote endpoint and process, with the number of connections.</summary>
internal static class OutboundWriter
{
    private static readonly string[] Header = ["Remote", "Exposure", "Connections", "States", "PID", "Process", "User"];

    public static void Write(TextWriter writer, IReadOnlyList<SocketView> outbound, ExposureCalculator exposures)
    {
        var rows = new List<string[]> { Header };
        foreach (var group in OutboundConnections.Group(outbound))
        {
            var first = group.Connections[0];
            var states = string.Join(",", group.Connections.Select(c => SocketCells.State(c.Row)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
            rows.Add(
            [
                EndpointNotation.Remote(group.Remote),
                // The remote side's class: a public peer is a call to the internet.
                exposures.Evaluate(group.Remote.Address, v6Only: null).Reach.ToWord(),
                group.Connections.Count.ToString(CultureInfo.InvariantCulture),
                states,
                SocketCells.Pid(first),
                SocketCells.Process(first),
                SocketCells.User(first),
            ]);
        }

        TextColumns.Write(writer, rows);
    }
}
