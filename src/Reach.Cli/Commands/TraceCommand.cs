using System.CommandLine;
using Reach.Cli.Infrastructure;
using Reach.Cli.Rendering.Trace;
using Reach.Tracing;

namespace Reach.Cli.Commands;

/// <summary><c>reach trace TARGET [PORT]</c>: the path to a host, hop by hop, and with a port: where the port is blocked.</summary>
internal static class TraceCommand
{
    public static Command Create(CliConsole console)
    {
        var target = new Argument<string>("target") { Description = "Host name, IPv4 or IPv6 address (host:port and [v6]:port give the port too)" };
        var port = new Argument<string?>("port")
        {
            Description = "TCP port (number or service name): trace with SYN probes to that port instead of ICMP echo",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var maxHops = new Option<int>("--max-hops", "-m") { Description = "Highest TTL / hop limit to try (1-255)", DefaultValueFactory = _ => 30 };
        var queries = new Option<int>("--queries") { Description = "Probes per hop (1-10)", DefaultValueFactory = _ => 3 };
        var timeout = new Option<string>("--timeout", "-t", "-w") { Description = "How long each probe waits for its answer: 500ms, 1s, 2.5", DefaultValueFactory = _ => "1s" };
        var noNames = new Option<bool>("-n") { Description = "Do not look up the hops' reverse names" };
        var ipv4 = new Option<bool>("-4") { Description = "Use IPv4 only" };
        var ipv6 = new Option<bool>("-6") { Description = "Use IPv6 only" };
        var json = new Option<bool>("--json") { Description = "Print one JSON document (docs/trace-json.md)" };

        var command = new Command("trace", """
            Trace the path to a host, hop by hop (traceroute / tracert). Without PORT: ICMP echo requests with TTL
            (IPv6: hop limit) 1, 2, 3... until the host answers. With PORT: TCP SYNs with increasing TTL
            (tcptraceroute): shows the last hop the TCP packets reach and whether the host answered SYN-ACK (open),
            RST (closed) or nothing (filtered at or after the last hop shown): where a port is blocked.

            Privileges (Linux): TCP traces need none. ICMP traces need root (raw socket), or a group listed in
            net.ipv4.ping_group_range (unprivileged ICMP sockets); otherwise reach says so and exits 1.
            Windows: ICMP traces use the ping API with a TTL (as tracert) and need no administrator; TCP traces
            need administrator (a raw socket reads the routers' ICMP time exceeded); otherwise reach says so and
            exits 1. macOS: not supported yet.
            Up to 16 probes are in flight at once, so silent hops cost a few timeouts, not one each.

            Examples:
              reach trace example.org
              reach trace srv01 443                  where is port 443 blocked?
              reach trace db01:postgresql -n
              reach trace 2001:db8::10 --max-hops 15 --timeout 500ms
              reach trace web01 https --json
            Exit codes: 0 the host answered (TCP: the port is open), 1 it did not (or the trace could not run here),
            2 bad input.
            """)
        {
            target, port, maxHops, queries, timeout, noNames, ipv4, ipv6, json,
        };

        command.SetAction(async (result, cancellationToken) =>
        {
            var request = TraceRequestBinder.Bind(
                result.GetValue(target)!,
                result.GetValue(port),
                result.GetValue(maxHops),
                result.GetValue(queries),
                result.GetValue(timeout)!,
                result.GetValue(noNames),
                result.GetValue(ipv4),
                result.GetValue(ipv6));

            var asJson = result.GetValue(json);
            var text = asJson ? null : new TraceTextRenderer(console.Out, request.Target, request.Options);
            var trace = await new TraceRunner().RunAsync(request.Target, request.Options, text, cancellationToken).ConfigureAwait(false);
            if (asJson)
            {
                TraceJsonWriter.Write(console.Out, trace);
            }
            else if (trace.Verdict.State == TraceState.Error)
            {
                await console.Error.WriteLineAsync($"reach: {trace.Verdict.Explanation}").ConfigureAwait(false);
            }
            else
            {
                text!.Finish(trace);
            }

            return trace.Verdict.Success ? ExitCodes.Success : ExitCodes.NotReachable;
        });
        return command;
    }
}
