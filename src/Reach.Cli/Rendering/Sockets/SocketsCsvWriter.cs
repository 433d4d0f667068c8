using System.Globalization;
using Reach.Sockets;

namespace Reach.Cli.Rendering.Sockets;

/// <summary>
/// <c>--format csv</c>: a header, then one row per socket; empty cells for what is unknown. <c>pid</c>, <c>process</c>
/// and <c>user</c> are the (lowest-PID) owner's; <c>other_pids</c> lists the other processes holding the socket,
/// separated by spaces. A process chooses its own name: it is written through <see cref="CsvCell.Text"/>, as the user.
/// </summary>
internal static class SocketsCsvWriter
{
    public static void Write(TextWriter writer, IReadOnlyList<SocketView> sockets)
    {
        writer.WriteLine("proto,local_address,local_port,remote_address,remote_port,state,pid,process,user,exposure,reach,other_pids");
        foreach (var s in sockets)
        {
            var row = s.Row;
            writer.WriteLine(string.Join(',',
                row.Protocol.ToWord(),
                EndpointNotation.Plain(row.Local.Address),
                row.Local.Port.ToString(CultureInfo.InvariantCulture),
                EndpointNotation.Plain(row.Remote.Address),
                row.Remote.Port.ToString(CultureInfo.InvariantCulture),
                row.State?.ToWord() ?? string.Empty,
                s.Entry.Pid?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
                CsvCell.Text(s.Entry.Owner?.Name),
                CsvCell.Text(s.User),
                s.Exposure.ClassWord,
                s.Exposure.Reach.ToWord(),
                string.Join(' ', s.Entry.Owners.Skip(1).Select(o => o.Pid.ToString(CultureInfo.InvariantCulture)))));
        }
    }
}
