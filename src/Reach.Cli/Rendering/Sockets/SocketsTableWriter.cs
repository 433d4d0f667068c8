using Reach.Sockets;

namespace Reach.Cli.Rendering.Sockets;

/// <summary>The human table of <c>reach sockets</c>: aligned plain columns, like ss, so it greps and pipes well.</summary>
internal static class SocketsTableWriter
{
    private static readonly string[] Header = ["Proto", "Local", "Remote", "State", "PID", "Process", "User", "Exposure"];

    public static void Write(TextWriter writer, IReadOnlyList<SocketView> sockets)
    {
        var rows = new List<string[]>(sockets.Count + 1) { Header };
        rows.AddRange(sockets.Select(s => new[]
        {
            s.Row.Protocol.ToWord(),
            EndpointNotation.Local(s.Row.Local),
            EndpointNotation.Remote(s.Row.Remote),
            SocketCells.State(s.Row),
            SocketCells.Pid(s),
            SocketCells.Process(s),
            SocketCells.User(s),
            ExposureWords.Brief(s.Exposure),
        }));
        TextColumns.Write(writer, rows);
    }
}
