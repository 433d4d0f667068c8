using System.CommandLine;
using System.Text.Json;
using Reach.Cli.Infrastructure;
using Reach.Cli.Rendering;
using Reach.External;
using Reach.Output;
using Reach.Sockets;
using Reach.Targets;
using Reach.Text;

namespace Reach.Cli.Commands;

/// <summary><c>reach external PORT… --via URL</c>: is this port reachable from the internet, and if not, why?</summary>
internal static class ExternalCommand
{
    /// <summary>The command's help text, also listed by the quick image, which does not hold the command (FullImage).</summary>
    public const string Description = $"""
        Is a port of this host reachable from the internet, and if not, why? A reflector you run elsewhere
        (`reach serve` on a VPS) tells this host's public address and connects back to the ports. Reach compares
        that address with this host's own (no NAT, NAT, carrier-grade NAT), looks up who listens on each port
        here and on which address (as `reach sockets`), and gives one verdict per port with the next step:
        nothing listens, listens on 127.0.0.1 only, forward the port on the router, check the firewall.
        There is no default reflector: give --via or set {ReflectorUrl.EnvironmentVariable}.

        Examples:
          reach external 8080 --via http://203.0.113.7:9106
          {ReflectorUrl.EnvironmentVariable}=http://203.0.113.7:9106 reach external https 25565
          reach external 3389 --via https://198.51.100.20/reach/ --json
        Exit codes: 0 every port is reachable from outside, 1 some port is not, 2 bad input or the reflector
        failed (unreachable, not a reflector, refused the check: the reason is printed).
        """;

    /// <summary>The ports to ask about; the quick image lists it too (<c>external &lt;port&gt;</c>).</summary>
    public static Argument<string[]> PortsArgument() =>
        new("port") { Description = "TCP ports of this host (numbers or service names), one or more", Arity = ArgumentArity.OneOrMore };

    public static Command Create(CliConsole console, SocketSources sockets)
    {
        var ports = PortsArgument();
        var via = new Option<string?>("--via") { Description = $"The reflector's URL (a `reach serve`), e.g. http://203.0.113.7:9106; default: ${ReflectorUrl.EnvironmentVariable}" };
        var json = new Option<bool>("--json") { Description = "One JSON document (docs/external.md)" };
        var timeout = new Option<string>("--timeout", "-t") { Description = "The longest the reflector may take to answer", DefaultValueFactory = _ => "20s" };

        var command = new Command("external", Description)
        {
            ports, via, json, timeout,
        };

        command.SetAction(async (result, cancellationToken) =>
        {
            var list = ParsePorts(result.GetValue(ports) ?? []);
            var url = ParseUrl(result.GetValue(via));
            var limit = DurationOption.Parse(result.GetValue(timeout)!, "--timeout");

            var (local, interfaces, unknownReason) = ReadLocal(sockets);
            using var reflector = new ReflectorClient(url, limit);
            var outcome = await ExternalCheck.RunAsync(reflector, url, list, interfaces, local, SynWatch.TryStart, cancellationToken).ConfigureAwait(false);
            if (outcome.Failure is { } failure)
            {
                // The reflector's answer (an HTTP reason, a body) is network input: one printable line.
                await console.Error.WriteLineAsync($"reach: {Printable.OneLine(failure.Message)}").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            var report = outcome.Value!;
            if (unknownReason is not null)
            {
                await console.Error.WriteLineAsync($"reach: who listens here is unknown, the socket table cannot be read: {unknownReason}").ConfigureAwait(false);
            }

            if (result.GetValue(json))
            {
                await console.Out.WriteLineAsync(JsonSerializer.Serialize(ExternalJsonMapper.ToJson(report), ReachJsonContext.Default.ExternalReportJson)).ConfigureAwait(false);
            }
            else
            {
                ExternalTextWriter.Write(console.Out, report);
            }

            return report.Reachable ? ExitCodes.Success : ExitCodes.NotReachable;
        });
        return command;
    }

    private static List<int> ParsePorts(string[] texts)
    {
        var list = new List<int>();
        foreach (var text in texts)
        {
            var number = PortParser.TryParse(text, out var spec, out var error) ? spec.Number : throw new UsageException(error);
            if (!list.Contains(number))
            {
                list.Add(number);
            }
        }

        return list;
    }

    private static Uri ParseUrl(string? option)
    {
        var text = option ?? Environment.GetEnvironmentVariable(ReflectorUrl.EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new UsageException($"no reflector: give --via URL or set {ReflectorUrl.EnvironmentVariable} (a `reach serve` you run outside this network; there is no default public service)");
        }

        var source = option is null ? ReflectorUrl.EnvironmentVariable : "--via";
        return ReflectorUrl.TryParse(text, out var url, out var error) ? url : throw new UsageException($"{source}: {error}");
    }

    /// <summary>Who listens on each port; an unreadable socket table leaves the local view unknown instead of failing.</summary>
    private static (Func<int, LocalPortView> Local, IReadOnlyList<System.Net.IPAddress> Interfaces, string? UnknownReason) ReadLocal(SocketSources sources)
    {
        var interfaces = sources.Interfaces.GetAddresses();
        try
        {
            var (snapshot, exposures) = sources.Read(SocketProtocols.Tcp);
            var views = SocketQuery.Run(snapshot, new SocketFilter { Listening = true, Protocols = SocketProtocols.Tcp }, exposures);
            return (port => LocalPortView.From(views, port), interfaces, null);
        }
        catch (SocketTableUnavailableException ex)
        {
            return (_ => LocalPortView.Unknown, interfaces, ex.Message);
        }
    }
}
