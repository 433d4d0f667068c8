using System.Globalization;
using System.CommandLine;
using System.Net;
using Reach.Cli.Infrastructure;
using Reach.Cli.Rendering.Scan;
using Reach.Resolution;
using Reach.Scanning;
using Reach.Text;

namespace Reach.Cli.Commands;

/// <summary><c>reach scan</c>: a fast, polite, exact TCP connect scanner for host ranges and port ranges.</summary>
internal static class ScanCommand
{
    /// <param name="console">Where output goes.</param>
    /// <param name="clock">The time of the progress output (tests pass a fake one).</param>
    public static Command Create(CliConsole console, TimeProvider clock)
    {
        var targets = new Argument<string[]>("targets") { Description = "Addresses, CIDR (10.0.0.0/24), ranges (10.0.0.1-50) or host names", Arity = ArgumentArity.ZeroOrMore };
        var ports = new Option<string?>("--ports", "-p") { Description = "Ports: 22,80,443 or 1-1024 or ssh,https; -p- for all 65535" };
        var allPorts = new Option<bool>("--all-ports") { Description = "All 65535 ports (the same as -p-)" };
        var top = new Option<int?>("--top") { Description = "The N most commonly open TCP ports (docs/top-ports.md)" };
        var profile = new Option<string[]>("--profile") { Description = "Role port sets: ad-dc, web, mail, db, windows, linux-admin (repeatable)", Arity = ArgumentArity.ZeroOrMore, AllowMultipleArgumentsPerToken = true };
        var inputFile = new Option<string?>("--input-file", "-i") { Description = "Read targets from FILE, one per line, # comments" };
        var exclude = new Option<string?>("--exclude") { Description = "Addresses, ranges or CIDR to skip, comma-separated" };
        var excludeFile = new Option<string?>("--exclude-file") { Description = "Read addresses to skip from FILE" };
        var timeout = new Option<string?>("--timeout") { Description = "A fixed probe timeout (default: adapted per host from measured round trips)" };
        var retries = new Option<int?>("--retries") { Description = "At most N extra attempts for a port that gave no response (default 6: one, and more only on hosts where retries bring answers)" };
        var rate = new Option<double?>("--rate") { Description = "Hard cap in connection attempts per second" };
        var maxInflight = new Option<int?>("--max-inflight") { Description = "Cap on probes in flight (default from the open-file limit)" };
        var maxPerHost = new Option<int?>("--max-per-host") { Description = "Cap on parallel probes to one host" };
        var polite = new Option<bool>("--polite") { Description = "For networks with intrusion prevention: 50 attempts/s, 2 per host" };
        var seed = new Option<ulong?>("--seed") { Description = "Seed of the random scan order (repeatable order)" };
        var shard = new Option<string?>("--shard") { Description = "Scan only part K of N disjoint parts (K/N), to split a scan across machines" };
        var list = new Option<bool>("--list") { Description = "Print the targets in scan order and send nothing (like nmap -sL)" };
        var all = new Option<bool>("--all") { Description = "Also list closed and filtered ports" };
        var down = new Option<bool>("--down") { Description = "Report every host that misses any given port (not open: closed, filtered or error) with the ports it misses, and say which did not answer at all (instead of the open ports)" };
        var failOnClosed = new Option<bool>("--fail-on-closed") { Description = "Exit 1 when any given port is not open, and name those ports on stderr (for CI checks of a role)" };
        var format = new Option<string>("--format") { Description = "table, json, jsonl, csv or grepable (docs/scan-json.md)", DefaultValueFactory = _ => "table" };
        var output = new Option<string?>("--output", "-o") { Description = "Write the results to FILE instead of standard output" };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Also tell how the scan paced itself (drops, send delays, timing probes) on stderr" };
        var service = new Option<bool>("--service", "-sV") { Description = "Identify what answers each open port (nmap -sV, lighter): its greeting, or the answer to one safe probe (HEAD /, a TLS ClientHello, PING, SSLRequest…), as 'reach check' does; a port answering another protocol than its number promises is marked '!' (it stays open)" };
        var tls = new Option<bool>("--tls") { Description = "With --service: also shake hands with TLS where TLS is to be had (443, 993… ports that answered TLS, STARTTLS ports, ports that answered nothing known) and show the certificate's subject, expiry, days left and trust" };
        var ca = new Option<string?>("--ca") { Description = "With --service --tls: also trust the CA certificates in this PEM file (a private CA): the certificates it signed show as trusted", HelpName = "FILE" };
        var insecure = new Option<bool>("--insecure") { Description = "With --service --tls: show certificates' trust problems without marking them (no red, 'allowed by --insecure'); JSON and CSV still list them" };
        var serviceTimeout = new Option<string?>("--service-timeout") { Description = "With --service: how long each open port is asked (default 1s: half for a greeting, then one probe; a TLS handshake gets as long again)", HelpName = "DURATION" };
        var serviceConcurrency = new Option<int?>("--service-concurrency") { Description = $"With --service: the most ports identified at once (default {ScanServiceRequest.DefaultConcurrency}, --polite {ScanServiceRequest.PoliteConcurrency})", HelpName = "N" };
        var servicePerHost = new Option<int?>("--service-per-host") { Description = $"With --service: the most ports of one host identified at once, so a host with many open ports sees no burst of connections (default {ScanServiceRequest.DefaultPerHost}, --polite {ScanServiceRequest.PolitePerHost}; 1-{ScanServiceRequest.MaxPerHost})", HelpName = "N" };

        var command = new Command("scan", """
            Scan TCP ports on hosts and ranges with connect probes (no privileges needed). The order is randomized
            over the whole host × port space; the pace adapts to the network.

            Examples:
              reach scan 10.0.0.0/24 -p 3389                which machines answer on RDP?
              reach scan srv01 -p 1-1024                    what listens on 1-1024?
              reach scan -i dcs.txt --profile ad-dc --down  which domain controllers miss a role port?
              reach scan 10.0.0.0/16 -p 443 --format jsonl -o web.jsonl
              reach scan 10.0.0.0/8 -p 22 --list --shard 1/4
              reach scan srv01 -p 1-1024 --service          what answers each open port (ssh, http, ssl…)?
              reach scan 10.0.0.0/24 -p 443,8443 --service --tls --format csv   certificates: subject, expiry, trust
              reach scan 10.0.0.0/24 -p 443 --service --tls --ca corp-root.pem  trusted when the company's CA signed them
            The table lists ports by host, then port; jsonl and csv as results arrive. When stderr is not a terminal,
            a progress line goes there every 5 s.
            Exit codes: 0 the scan ran, 1 with --fail-on-closed when a port is not open (named on stderr), 2 bad input.
            """)
        {
            targets, ports, allPorts, top, profile, inputFile, exclude, excludeFile, timeout, retries, rate, maxInflight,
            maxPerHost, polite, seed, shard, list, all, down, failOnClosed, format, output, verbose, service, tls, ca, insecure,
            serviceTimeout, serviceConcurrency, servicePerHost,
        };

        command.SetAction(async (result, cancellationToken) =>
        {
            var raw = new ScanRequestBinder.Raw(
                result.GetValue(targets) ?? [],
                result.GetValue(ports),
                result.GetValue(allPorts),
                result.GetValue(top),
                result.GetValue(profile) ?? [],
                result.GetValue(inputFile),
                result.GetValue(exclude),
                result.GetValue(excludeFile),
                result.GetValue(timeout),
                result.GetValue(retries),
                result.GetValue(rate),
                result.GetValue(maxInflight),
                result.GetValue(maxPerHost),
                result.GetValue(polite),
                result.GetValue(seed),
                result.GetValue(shard),
                result.GetValue(service),
                result.GetValue(tls),
                result.GetValue(serviceTimeout),
                result.GetValue(serviceConcurrency),
                result.GetValue(servicePerHost),
                result.GetValue(ca),
                result.GetValue(insecure),
                result.GetValue(list),
                result.GetValue(down));
            var request = await BlockingInput.ReadAsync(() => ScanRequestBinder.Bind(raw, cancellationToken), readsFiles: true, cancellationToken).ConfigureAwait(false);
            var formatName = result.GetValue(format)!;
            var outputPath = result.GetValue(output);

            TextWriter? file = null;
            try
            {
                file = outputPath is null ? null : OpenOutput(outputPath);
                var writer = file ?? console.Out;
                var sink = CreateOutput(formatName, writer, file is null ? console : console with { Out = writer, OutIsTerminal = false }, result.GetValue(down), request.Service);
                var plan = await ScanPlan.BuildAsync(
                    request.Targets, request.Exclusions, request.Ports, request.Seed, request.Shard,
                    new SystemHostResolver(), TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false);
                foreach (var unresolved in plan.Unresolved)
                {
                    sink.Unresolved(unresolved);
                }

                if (result.GetValue(list))
                {
                    foreach (var target in plan.Targets())
                    {
                        sink.Target(target.Address, target.Port);
                    }

                    sink.Finish(null);
                    return ExitCodes.Success;
                }

                var reports = new ScanReports(plan, result.GetValue(all), result.GetValue(down), result.GetValue(failOnClosed), FailOnClosedReport.Shown);
                return await RunScanAsync(plan, request, sink, reports, result.GetValue(verbose), console, clock, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                if (file is not null)
                {
                    await file.DisposeAsync().ConfigureAwait(false);
                }
            }
        });
        return command;
    }

    private static async Task<int> RunScanAsync(ScanPlan plan, ScanRequest request, IScanOutput sink, ScanReports reports, bool verbose, CliConsole console, TimeProvider clock, CancellationToken cancellationToken)
    {
        var options = request.Options;
        var tally = new ScanTally(plan.Addresses.Count) { Identifying = request.Service is not null };
        var inflight = ScanEngine.ResolveMaxInflight(options);
        if (options.MaxInflight > inflight)
        {
            await console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"reach: note: --max-inflight {options.MaxInflight} lowered to {inflight} to stay within the open-file limit (raise it with 'ulimit -n')")).ConfigureAwait(false);
        }

        using var progress = console.ErrorIsTerminal ? new ScanProgressLine(console.Error, plan.Count, clock) : null;
        using var log = console.ErrorIsTerminal ? null : new ScanProgressLog(console.Error, plan.Count, tally, clock);
        using var service = request.Service is { } asked ? new ScanServices(asked, plan, sink, tally, progress, cancellationToken) : null;
        ScanStatistics statistics;
        try
        {
            statistics = await new ScanEngine().RunAsync(plan.Targets(), options, service is null
                ? r =>
                {
                    tally.Add(r);
                    progress?.Report(tally);
                    if (reports.Add(r))
                    {
                        sink.Port(r, plan.Addresses.HostNameOf(r.Target.Address), null);
                    }
                }
                : r => service.OnResult(r, reports), cancellationToken).ConfigureAwait(false);
            if (service is not null)
            {
                await service.CompleteAsync().ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
        catch (OperationCanceledException ex)
        {
            // Ctrl+C or SIGTERM: the ports decided so far still reach the reader, as complete records (the table holds
            // its rows until the end); the probes in flight were abandoned, undecided, not reported as filtered. Open
            // ports whose identification did not finish are written as they stand, said so.
            var unidentified = service?.Abandon() ?? 0;
            progress?.Dispose();
            log?.Dispose();
            sink.Finish(null);
            var decided = tally.Open + tally.Closed + tally.Filtered + tally.Errors;
            var notIdentified = unidentified > 0 ? string.Create(CultureInfo.InvariantCulture, $"; {unidentified:N0} open port{(unidentified == 1 ? string.Empty : "s")} written before {(unidentified == 1 ? "it was" : "they were")} identified") : string.Empty;
            throw new CommandInterruptedException(
                string.Create(CultureInfo.InvariantCulture, $"{decided:N0} of {plan.Count:N0} ports decided and written, {plan.Count - decided:N0} left undecided{notIdentified}"),
                ex);
        }
        catch (ScanResourceException)
        {
            // The machine cannot open a socket at all: what was decided still reaches the reader, then the one-line reason.
            service?.Abandon();
            progress?.Dispose();
            log?.Dispose();
            sink.Finish(null);
            throw;
        }

        progress?.Dispose();
        log?.Dispose();
        if (verbose && statistics.Pacing is { } pacing)
        {
            await console.Error.WriteLineAsync(ScanPacingText.Describe(pacing)).ConfigureAwait(false);
        }

        if (statistics.Pacing?.SocketLimit is { } socketLimit)
        {
            await console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"reach: note: the open-file limit let only {socketLimit} probes be in flight at a time: raise it with 'ulimit -n' for a faster scan")).ConfigureAwait(false);
        }

        if (reports.Missing is { } missing)
        {
            sink.Down(missing.Hosts());
        }

        var summary = tally.Summarize(plan.Addresses.Count, plan.Unresolved.Count, statistics);
        sink.Finish(summary);
        if (reports.Fails(plan))
        {
            FailOnClosedReport.Write(console.Error, reports.NotOpen, plan, summary);
            return ExitCodes.NotReachable;
        }

        return ExitCodes.Success;
    }

    private static IScanOutput CreateOutput(string format, TextWriter writer, CliConsole console, bool down, ScanServiceRequest? service) => format.ToLowerInvariant() switch
    {
        "table" => new TableScanOutput(console.CreateAnsiOut(), console.Out, service?.InsecureTls ?? false),
        "json" => new JsonScanOutput(writer),
        "jsonl" => new JsonLinesScanOutput(writer),
        "csv" => new CsvScanOutput(writer, down, service is not null),
        "grepable" => new GrepableScanOutput(writer, service?.InsecureTls ?? false),
        _ => throw new UsageException($"--format: unknown format {Printable.Quote(format)} (table, json, jsonl, csv, grepable)"),
    };

    private static StreamWriter OpenOutput(string path)
    {
        try
        {
            return new StreamWriter(path, append: false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new UsageException($"-o: cannot write {Printable.Quote(path)}: {FileErrors.Describe(ex, path)}");
        }
    }
}
