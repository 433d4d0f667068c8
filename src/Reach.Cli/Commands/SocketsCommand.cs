using System.CommandLine;
using Reach.Cli.Infrastructure;
using Reach.Cli.Rendering.Sockets;
using Reach.Sockets;
using Reach.Sockets.Baseline;

namespace Reach.Cli.Commands;

/// <summary><c>reach sockets</c>: what listens here, which program owns it, and who can reach it.</summary>
internal static class SocketsCommand
{
    private static readonly string[] SsFlags = ["-a", "-n", "-p"];

    public static Command Create(CliConsole console, SocketSources sources)
    {
        var listening = new Option<bool>("--listening", "-l") { Description = "Only listeners: TCP LISTEN and bound UDP sockets" };
        var tcp = new Option<bool>("--tcp", "-t") { Description = "Only TCP" };
        var udp = new Option<bool>("--udp", "-u") { Description = "Only UDP" };
        var port = new Option<string?>("--port") { Description = "Only this local port (number or service name); with --outbound the remote port" };
        var pid = new Option<int?>("--pid") { Description = "Only sockets of this process id" };
        var process = new Option<string?>("--process") { Description = "Only sockets of processes with this name (ignoring case)" };
        var state = new Option<string?>("--state") { Description = "Only TCP sockets in these states: listen, established, close-wait, time-wait, … (comma-separated)" };
        var ipv4 = new Option<bool>("-4") { Description = "Only sockets that take IPv4 (with dual-stack [::] listeners)" };
        var ipv6 = new Option<bool>("-6") { Description = "Only IPv6 sockets" };
        var json = new Option<bool>("--json") { Description = "Print one JSON document (docs/sockets.md); the same as --format json" };
        var format = new Option<string>("--format") { Description = "table, json or csv", DefaultValueFactory = _ => "table" };
        var explain = new Option<bool>("--explain") { Description = "Explain the notations (0.0.0.0:80, [::]:80, *:*) and states in plain words" };
        var saveBaseline = new Option<string?>("--save-baseline") { Description = "Record the listeners (process, port, bind address, exposure) in FILE" };
        var diff = new Option<string?>("--diff") { Description = "Compare the listeners with the baseline FILE: appeared, disappeared, more exposed" };
        var outbound = new Option<bool>("--outbound") { Description = "Only TCP connections this host opened, by remote endpoint and process" };

        // ss muscle memory (`-tulpn`, `-tuanp`): processes, numbers and all states are what reach shows anyway.
        var ssFlags = SsFlags.Select(name => new Option<bool>(name) { Hidden = true }).ToArray();

        var command = new Command("sockets", """
            List this host's TCP and UDP sockets with the program that owns each, and who can reach it: loopback,
            link-local, private, public, or for 0.0.0.0 and [::] every address of this host it covers.

            Examples:
              reach sockets -l                          what listens here, and how exposed is it?
              reach sockets -tulpn                      the same (ss's -a, -n and -p are accepted: reach always shows them)
              reach sockets --port 80                   everything on port 80, and who listens there
              reach sockets --state close-wait          connections a program forgot to close
              reach sockets --outbound                  which programs call out, and to where
              reach sockets --save-baseline base.json   record the listeners; later:
              reach sockets --diff base.json            what appeared, disappeared or became more exposed?
              reach sockets --explain                   what 0.0.0.0:80, [::]:80, *:* and TIME_WAIT mean
            Exit codes: 0 listed, 1 with --diff when something changed, 2 bad input, 69 the socket table cannot be
            read here (unsupported OS, denied).
            """)
        {
            listening, tcp, udp, port, pid, process, state, ipv4, ipv6, json, format, explain, saveBaseline, diff, outbound,
        };
        foreach (var flag in ssFlags)
        {
            command.Options.Add(flag);
        }

        command.SetAction(result =>
        {
            var request = SocketsRequestBinder.Bind(new SocketsRequestBinder.Raw(
                result.GetValue(listening),
                result.GetValue(tcp),
                result.GetValue(udp),
                result.GetValue(port),
                result.GetValue(pid),
                result.GetValue(process),
                result.GetValue(state),
                result.GetValue(ipv4),
                result.GetValue(ipv6),
                result.GetValue(json),
                result.GetValue(format)!,
                result.GetValue(explain),
                result.GetValue(saveBaseline),
                result.GetValue(diff),
                result.GetValue(outbound)));
            return Run(request, console, sources);
        });
        return command;
    }

    private static int Run(SocketsRequest request, CliConsole console, SocketSources sources)
    {
        if (request.Mode == SocketsMode.Explain)
        {
            console.Out.WriteLine(SocketsLegend.Text);
            return ExitCodes.Success;
        }

        // A bad baseline is bad input: say so before reading anything.
        BaselineDocument? baseline = null;
        if (request.Mode == SocketsMode.Diff && !BaselineFile.TryRead(request.BaselinePath!, out baseline, out var readError))
        {
            throw new UsageException($"--diff: {readError}");
        }

        var (snapshot, exposures) = sources.Read(request.Protocols);
        var sockets = SocketQuery.Run(snapshot, request.Filter, exposures);
        if (snapshot.OwnersIncomplete)
        {
            console.Error.WriteLine(SocketCells.HiddenOwnersHint("reach sockets"));
        }

        switch (request.Mode)
        {
            case SocketsMode.SaveBaseline:
                var document = BaselineDocument.Create(sockets, Environment.MachineName, DateTimeOffset.UtcNow);
                if (!BaselineFile.TryWrite(request.BaselinePath!, document, out var writeError))
                {
                    throw new UsageException($"--save-baseline: {writeError}");
                }

                console.Out.WriteLine($"saved {document.Listeners.Count} listener{(document.Listeners.Count == 1 ? string.Empty : "s")} to '{request.BaselinePath}'");
                return ExitCodes.Success;

            case SocketsMode.Diff:
                var now = BaselineDocument.Create(sockets, Environment.MachineName, DateTimeOffset.UtcNow);
                var changes = BaselineDiff.Compare(baseline!.Listeners, now.Listeners);
                if (request.Format == SocketsFormat.Json)
                {
                    SocketsJsonWriter.Write(console.Out, changes, request.BaselinePath!);
                }
                else
                {
                    BaselineDiffWriter.Write(console.Out, changes, request.BaselinePath!);
                }

                return changes.HasChanges ? ExitCodes.NotReachable : ExitCodes.Success;

            default:
                Render(request, console, snapshot, sockets, exposures);
                return ExitCodes.Success;
        }
    }

    private static void Render(SocketsRequest request, CliConsole console, SocketSnapshot snapshot, IReadOnlyList<SocketView> sockets, ExposureCalculator exposures)
    {
        switch (request.Format)
        {
            case SocketsFormat.Json:
                SocketsJsonWriter.Write(console, snapshot, sockets);
                break;
            case SocketsFormat.Csv:
                SocketsCsvWriter.Write(console.Out, sockets);
                break;
            case SocketsFormat.Table when request.Mode == SocketsMode.Outbound:
                OutboundWriter.Write(console.Out, sockets, exposures);
                break;
            default:
                SocketsTableWriter.Write(console.Out, sockets);
                if (request.Filter.Port is { } port && !request.Filter.Outbound)
                {
                    // "reach sockets --port 80" also answers "who listens on 80?", as reach who does.
                    console.Out.WriteLine();
                    WhoWriter.Write(console.Out, port, PortListeners.Find(sockets, port), snapshot.OwnersIncomplete, exposures.DefaultV6Only);
                }

                break;
        }
    }
}
