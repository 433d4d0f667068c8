using System.CommandLine;
using Reach.Cli.Infrastructure;
using Reach.Cli.Rendering.Ping;
using Reach.Pinging;
using Reach.Text;

namespace Reach.Cli.Commands;

/// <summary><c>reach ping</c>: a TCP connect (or ICMP echo) per interval, with honest round trips and a summary.</summary>
internal static class PingCommand
{
    public static Command Create(CliConsole console)
    {
        var target = new Argument<string[]>("target")
        {
            Description = "TARGET PORT, TARGET:PORT or [v6]:PORT (PORT may be a service name); only TARGET with --icmp",
            Arity = new ArgumentArity(1, 2),
        };
        var count = new Option<int?>("--count", "-n") { Description = "Stop after COUNT probes (default: until Ctrl+C)" };
        var interval = new Option<string>("--interval", "-i") { Description = "Time between probe starts: 1s, 200ms, 0.5", DefaultValueFactory = _ => "1s" };
        var timeout = new Option<string>("--timeout", "-t") { Description = "How long one probe waits for an answer", DefaultValueFactory = _ => "2s" };
        var icmp = new Option<bool>("--icmp") { Description = "Send ICMP echo requests instead of TCP connects: timed in microseconds with reach's own ICMP socket where it may open one (root, or ping_group_range), else in whole milliseconds through the OS ping API" };
        var resolveEach = new Option<bool>("--resolve-each") { Description = "Resolve the name again before every probe and report address changes" };
        var ipv4 = new Option<bool>("-4") { Description = "Use IPv4 only" };
        var ipv6 = new Option<bool>("-6") { Description = "Use IPv6 only" };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print only the summary" };
        var json = new Option<bool>("--json") { Description = "JSON Lines: one object per probe and a summary (docs/ping-json.md)" };

        var command = new Command("ping", """
            Probe a TCP port again and again (a TCP connect per interval, like tcping or psping) and print each
            answer with its connect time in microseconds; on Ctrl+C or after -n probes, the statistics: loss,
            min/avg/max/stddev, jitter, p50/p95/p99, and every state change and down interval.

            The connect time is measured around connect() and poll() alone: no name resolution, allocation or
            JIT inside the timed span.

            Examples:
              reach ping db01 5432
              reach ping web01:https -n 10
              reach ping [2001:db8::10]:22 --interval 200ms --timeout 500ms
              reach ping api.example.com 443 --resolve-each        # watch a DNS fail-over
              reach ping srv01 --icmp -n 5                         # the same statistics over ICMP echo
              reach ping srv01 rdp --json | jq .                   # JSON Lines
            Exit codes: 0 every probe succeeded, 1 at least one did not, 2 bad input.
            """)
        {
            target, count, interval, timeout, icmp, resolveEach, ipv4, ipv6, quiet, json,
        };

        command.SetAction(async (result, cancellationToken) =>
        {
            var request = PingRequestBinder.Bind(
                result.GetValue(target) ?? [],
                result.GetValue(count),
                result.GetValue(interval)!,
                result.GetValue(timeout)!,
                result.GetValue(icmp),
                result.GetValue(resolveEach),
                result.GetValue(ipv4),
                result.GetValue(ipv6));

            var port = request.Port?.Number;
            var display = port is { } p ? Reach.Targets.TargetSpec.FormatEndpoint(request.Target.Host, p) : request.Target.Host;
            var icmpProbe = port is null ? new IcmpPingProbe() : null;
            IPingOutput output = result.GetValue(json)
                ? new PingJsonLinesOutput(console.Out, request.Target.Host, port)
                : new PingTextOutput(console.Out, display, port, request.Options, result.GetValue(quiet), icmpProbe);
            IPingProbe probe = icmpProbe ?? (IPingProbe)new TcpPingProbe(port!.Value);

            var run = await new PingRunner(probe).RunAsync(request.Target.Host, request.Options, output, cancellationToken).ConfigureAwait(false);
            if (run.Unresolved)
            {
                await console.Error.WriteLineAsync($"reach: cannot resolve {Printable.Quote(request.Target.Host)}: {run.Resolution.Error}").ConfigureAwait(false);
                return ExitCodes.NotReachable;
            }

            output.Finish(run);
            return run.Summary.AllSucceeded ? ExitCodes.Success : ExitCodes.NotReachable;
        });
        return command;
    }
}
