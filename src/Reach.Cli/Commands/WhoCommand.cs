using System.CommandLine;
using Reach.Cli.Infrastructure;
using Reach.Cli.Rendering.Sockets;
using Reach.Sockets;
using Reach.Targets;

namespace Reach.Cli.Commands;

/// <summary><c>reach who PORT</c>: which program listens on a port of this host, and who can reach it there.</summary>
internal static class WhoCommand
{
    public static Command Create(CliConsole console, SocketSources sources)
    {
        var port = new Argument<string>("port") { Description = "A port number or a service name (https, rdp, postgresql)" };
        var tcp = new Option<bool>("--tcp", "-t") { Description = "Only TCP listeners" };
        var udp = new Option<bool>("--udp", "-u") { Description = "Only bound UDP sockets" };
        var json = new Option<bool>("--json") { Description = "Print one JSON document (docs/sockets.md)" };

        var command = new Command("who", """
            Who listens on PORT here: each program's name, PID, executable, command line and user, and every address
            it is bound to with who can reach it (for 0.0.0.0 and [::], this host's addresses it covers).

            Examples:
              reach who 80
              reach who https
              reach who 53 --udp
              reach who ssh --json
            Exit codes: 0 something listens, 1 nothing listens, 2 bad input, 69 the socket table cannot be read here.
            """)
        {
            port, tcp, udp, json,
        };

        command.SetAction(result =>
        {
            var text = result.GetValue(port);
            var number = PortParser.TryParse(text, out var spec, out var error) ? spec.Number : throw new UsageException(error);
            var protocols = (result.GetValue(tcp), result.GetValue(udp)) switch
            {
                (true, false) => SocketProtocols.Tcp,
                (false, true) => SocketProtocols.Udp,
                _ => SocketProtocols.All,
            };

            var (snapshot, exposures) = sources.Read(protocols);
            var filter = new SocketFilter { Listening = true, Protocols = protocols, Port = number };
            var owners = PortListeners.Find(SocketQuery.Run(snapshot, filter, exposures), number);
            if (snapshot.OwnersIncomplete)
            {
                console.Error.WriteLine(SocketCells.HiddenOwnersHint($"reach who {text}"));
            }

            if (result.GetValue(json))
            {
                SocketsJsonWriter.Write(console.Out, snapshot, number, owners);
            }
            else
            {
                WhoWriter.Write(console.Out, number, owners, snapshot.OwnersIncomplete, exposures.DefaultV6Only);
            }

            return owners.Count > 0 ? ExitCodes.Success : ExitCodes.NotReachable;
        });
        return command;
    }
}
