using System.CommandLine;
using Reach.Cli.Infrastructure;
using Reach.Cli.Rendering.Report;
using Reach.Monitoring.Hosting;
using Reach.Monitoring.Reports;
using Reach.Monitoring.Store;

namespace Reach.Cli.Commands;

/// <summary><c>reach report</c>: uptime and incidents from the store of <c>reach watch</c>, read-only.</summary>
internal static class ReportCommand
{
    /// <summary>The command's help text, also listed by the quick image, which does not hold the command (FullImage).</summary>
    public const string Description = """
        Report uptime and incidents over a period from the history reach watch keeps: per target its state
        now, uptime (successful over conclusive probes), probes, failures, time down and incidents; then every
        incident of the period. Read-only: it never creates a store, and reads while reach watch runs.

        Examples:
          reach report                               the last 24 hours
          reach report --since 7d --check web
          reach report --from 2026-01-01 --to 2026-02-01 --json > january.json
          reach report --since 30d --down-only --data /srv/reach
          reach report --store postgres://reach@db1/reach --agent site-b --since 7d
          reach report --since 1h --exit-code --json > /dev/null   (a script: 1 when something was down)
        Exit codes: 0 printed (with --exit-code: and nothing was down), 1 something was down (--exit-code only),
        2 bad input, 69 no history in the data folder (or the postgres store is unreachable or empty).
        """;

    public static Command Create(CliConsole console)
    {
        var data = new Option<string?>("--data") { Description = "The data folder of reach watch (default /var/lib/reach as root, else ~/.local/share/reach)" };
        var store = new Option<string?>("--store") { Description = "Where reach watch keeps history: sqlite (default, in --data) or postgres://user:password@host:port/database (default: $REACH_STORE)" };
        var agent = new Option<string?>("--agent") { Description = "With a postgres store: the agent whose targets to report (default: this host's name)" };
        var since = new Option<string?>("--since") { Description = "The period: this long back from now (24h, 7d, 30d, 90m; default 24h)" };
        var from = new Option<string?>("--from") { Description = "The period's start, ISO 8601 (2026-01-31, 2026-01-31T08:00:00Z); UTC unless it has an offset" };
        var to = new Option<string?>("--to") { Description = "The period's end, ISO 8601 (default now)" };
        var check = new Option<string?>("--check") { Description = "Only the targets of this check (its name in reach.yaml)" };
        var downOnly = new Option<bool>("--down-only") { Description = "Only targets that are DOWN now or were DOWN in the period" };
        var json = new Option<bool>("--json") { Description = "Print one JSON document (docs/report-json.md)" };
        var exitCode = new Option<bool>("--exit-code") { Description = "Exit 1 when a reported target was DOWN in the period or is DOWN now" };

        var command = new Command("report", Description)
        {
            data, store, agent, since, from, to, check, downOnly, json, exitCode,
        };

        command.SetAction(async (result, cancellationToken) =>
        {
            var now = DateTimeOffset.UtcNow;
            var (start, end) = ReportPeriod.Parse(result.GetValue(since), result.GetValue(from), result.GetValue(to), now);
            var storeSpec = StoreOption.Resolve(result.GetValue(store));

            if (MonitorStores.ValidateAgent(result.GetValue(agent)) is { } agentError)
            {
                throw new UsageException(agentError);
            }

            var dataDirectory = Path.GetFullPath(result.GetValue(data) ?? DataDirectories.Default());
            var reading = await MonitorStores.OpenForReadingAsync(storeSpec, dataDirectory, result.GetValue(agent), cancellationToken).ConfigureAwait(false);
            await using var history = reading.Store;
            if (history is null)
            {
                await console.Error.WriteLineAsync($"reach: {reading.Problem}").ConfigureAwait(false);
                return ExitCodes.Unavailable;
            }

            if (result.GetValue(check) is { } checkName)
            {
                var known = await UptimeReportBuilder.KnownChecksAsync(history, cancellationToken).ConfigureAwait(false);
                if (!known.Contains(checkName, StringComparer.Ordinal))
                {
                    var names = known.Count == 0 ? "none yet" : string.Join(", ", known);
                    throw new UsageException($"--check: no check '{checkName}' in the history (known: {names})");
                }
            }

            var report = await UptimeReportBuilder.BuildAsync(
                history, start, end, now, result.GetValue(check), result.GetValue(downOnly), cancellationToken).ConfigureAwait(false);
            if (result.GetValue(json))
            {
                ReportJsonWriter.Write(console.Out, report);
            }
            else
            {
                ReportTableWriter.Write(console.CreateAnsiOut(), report, storeSpec.IsPostgres ? storeSpec.Display : dataDirectory);
            }

            return result.GetValue(exitCode) && report.AnyDowntime ? ExitCodes.NotReachable : ExitCodes.Success;
        });
        return command;
    }
}
