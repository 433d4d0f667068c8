using System.CommandLine;
using System.Globalization;
using Reach.Cli.Infrastructure;
using Reach.Cli.Rendering;
using Reach.Probes;
using Reach.Time;
using Reach.Waiting;

namespace Reach.Cli.Commands;

/// <summary><c>reach wait</c>: block until services are up (or down), for deploy scripts and containers.</summary>
internal static class WaitCommand
{
    public static Command Create(CliConsole console)
    {
        var targets = new Argument<string[]>("target") { Description = "HOST:PORT or [v6]:PORT, one or more (PORT may be a service name)", Arity = ArgumentArity.ZeroOrMore };
        var interval = new Option<string>("--interval", "-i") { Description = "Time between rounds of probes", DefaultValueFactory = _ => "500ms" };
        var timeout = new Option<string>("--timeout", "-t") { Description = "Give up after this long (exit 1)", DefaultValueFactory = _ => "60s" };
        var any = new Option<bool>("--any") { Description = "Done as soon as one target is up (or down, with --closed)" };
        var closed = new Option<bool>("--closed") { Description = "Wait for the ports to stop accepting connections (closed or filtered)" };
        var ipv4 = new Option<bool>("-4") { Description = "Use IPv4 only" };
        var ipv6 = new Option<bool>("-6") { Description = "Use IPv6 only" };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print nothing, not even the targets still down; the exit code tells" };

        var command = new Command("wait", """
            Wait until TCP services accept connections (like wait-for-it): probes every target each interval
            until all are open, then exits 0; after --timeout exits 1 naming the targets still down. Each
            connect waits at most 1 s, and never past the timeout. Names are resolved again each round.
            On a terminal a live status line shows progress; otherwise it prints only when it times out.

            Examples:
              reach wait db:5432 && ./migrate                   # deploy script: wait for the database
              reach wait db:postgresql cache:6379 --timeout 2m  # several services, all of them
              reach wait primary:5432 replica:5432 --any        # whichever comes first
              reach wait web01:https --closed --timeout 30s     # wait for a service to go down (restarts)
            Exit codes: 0 done, 1 timed out, 2 bad input.
            """)
        {
            targets, interval, timeout, any, closed, ipv4, ipv6, quiet,
        };

        command.SetAction(async (result, cancellationToken) =>
        {
            var (list, options) = WaitRequestBinder.Bind(
                result.GetValue(targets) ?? [],
                result.GetValue(interval)!,
                result.GetValue(timeout)!,
                result.GetValue(any),
                result.GetValue(closed),
                result.GetValue(ipv4),
                result.GetValue(ipv6));
            var silent = result.GetValue(quiet);
            using var status = console.ErrorIsTerminal && !silent ? new WaitStatusLine(console.Error) : null;
            var outcome = await new PortWaiter().RunAsync(list, options, status, cancellationToken).ConfigureAwait(false);
            status?.Dispose();

            var wanted = options.Condition == WaitCondition.Open ? "open" : "down";
            if (!outcome.Succeeded)
            {
                if (!silent)
                {
                    var down = string.Join(", ", outcome.NotDone.Select(t => (t.Reason?.ToWord() ?? t.ResolveError) is { } why
                        ? $"{t.Target.Display} ({t.State.ToWord()}: {why})"
                        : $"{t.Target.Display} ({t.State.ToWord()})"));
                    await console.Error.WriteLineAsync(
                        $"reach: timed out after {DurationParser.Format(options.Timeout)}: not {wanted}: {down}").ConfigureAwait(false);
                }

                return ExitCodes.NotReachable;
            }

            if (console.OutIsTerminal && !silent)
            {
                foreach (var target in outcome.Targets.Where(t => t.Done))
                {
                    await console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"{target.Target.Display} {target.State.ToWord()} after {DurationParser.Format(target.DoneAfter ?? TimeSpan.Zero)}")).ConfigureAwait(false);
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
