using System.CommandLine;
using System.CommandLine.Help;
using Reach.Cli.Commands;
using Reach.Cli.Infrastructure;

namespace Reach.Cli;

/// <summary>
/// The command tree for one run. Start-up is a feature (reach is called in loops), so a run that names its command
/// builds that command alone: the other eleven, with their options and descriptions, cost allocations and page faults
/// of a cold process for nothing. Anything else (no command, --help, --version, a typo) gets the whole tree, for the
/// list of commands and the "did you mean" suggestions.
/// </summary>
internal static class CommandTree
{
    private const string Description = "reach: is the TCP service on that node up, and can this host reach it?";

    /// <summary>What System.CommandLine's help option answers to.</summary>
    private static readonly HashSet<string> HelpOptionWords = new(StringComparer.Ordinal) { "--help", "-h", "/h", "-?", "/?" };

    public static Command Build(string[] args, CliConsole console, SocketSources sockets, TimeProvider clock)
    {
        (string Name, Func<Command> Create)[] commands =
        [
            ("check", () => CheckCommand.Create(console)),
            ("scan", () => ScanCommand.Create(console, clock)),
            ("ping", () => PingCommand.Create(console)),
            ("wait", () => WaitCommand.Create(console)),
            ("services", () => ServicesCommand.Create(console)),
            ("trace", () => TraceCommand.Create(console)),
            ("sockets", () => SocketsCommand.Create(console, sockets)),
            ("who", () => WhoCommand.Create(console, sockets)),
            // The quick image lists these with their help texts; they run from the full image (FullImage).
            ("watch", () => FullImage.IsThisImage ? WatchCommand.Create(console) : new Command("watch", WatchCommand.Description)),
            ("report", () => FullImage.IsThisImage ? ReportCommand.Create(console) : new Command("report", ReportCommand.Description)),
            ("serve", () => FullImage.IsThisImage ? ServeCommand.Create(console) : new Command("serve", ServeCommand.Description)),
            ("external", () => FullImage.IsThisImage
                ? ExternalCommand.Create(console, sockets)
                : new Command("external", ExternalCommand.Description) { ExternalCommand.PortsArgument() }),
        ];

        // Not RootCommand, and --help / --version only where they can be meant: RootCommand's constructor asks
        // reflection for the entry assembly's name, and the help and version options read their descriptions through
        // a ResourceManager; under NativeAOT either builds the name of every assembly in the binary (a tenth of a cold
        // check's page faults).
        var root = new Command("reach", Description);
        var named = args.Length > 0 ? Array.Find(commands, c => c.Name == args[0]) : default;
        if (named.Create is null || args.Any(HelpOptionWords.Contains))
        {
            root.Add(new HelpOption());
        }

        if (named.Create is null)
        {
            root.Add(new VersionOption());
        }

        foreach (var (_, create) in named.Create is null ? commands : [named])
        {
            root.Add(create());
        }

        return root;
    }

}
