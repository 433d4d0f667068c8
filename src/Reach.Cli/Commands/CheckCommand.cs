using System.CommandLine;
using Reach.Checking;
using Reach.Cli.Infrastructure;
using Reach.Cli.Rendering;
using Reach.Http;

namespace Reach.Cli.Commands;

/// <summary><c>reach check</c>: one answer, with its reason and what to do next, for one target or five hundred.</summary>
internal static class CheckCommand
{
    public static Command Create(CliConsole console)
    {
        var targets = new Argument<string[]>("target")
        {
            Description = "Host name, IPv4, IPv6, [v6]:port, host:port or a URL (https://host/path); a last argument that is a port or service name is the port",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var port = new Option<string?>("--port", "-p") { Description = "Default port (number or service name) for targets without one" };
        var inputFile = new Option<string?>("--input-file", "-i") { Description = "Read targets from FILE: host, host:port or 'host port' per line; # comments" };
        var ipv4 = new Option<bool>("-4") { Description = "Use IPv4 addresses only" };
        var ipv6 = new Option<bool>("-6") { Description = "Use IPv6 addresses only" };
        var allAddresses = new Option<bool>("--all-addresses") { Description = "Probe every resolved address, not only the first" };
        var noPing = new Option<bool>("--no-ping") { Description = "Do not send the ICMP echo" };
        var timeout = new Option<string>("--timeout", "-t") { Description = "How long to wait for an answer: 500ms, 3s, 1m or seconds (0.5)", DefaultValueFactory = _ => "3s" };
        var detailed = new Option<bool>("--detailed") { Description = "Also show the route (source address, interface, next hop) and reverse names" };
        var banner = new Option<bool>("--banner") { Description = "Find out what answers even with --quiet (it is on by default otherwise)" };
        var noBanner = new Option<bool>("--no-banner") { Description = "Check the port alone: do not read what answers (the greeting, or the answer to one safe probe: HEAD /, PING, SSLRequest…)" };
        var tls = new Option<bool>("--tls") { Description = "On any open port, also shake hands with TLS and verify the certificate (chain, name, dates, key): not trusted, or no handshake, is 'tls-failed', exit 1. On by default for 443, 465, 636, 853, 990, 993, 995, 5986, 8443" };
        var noTls = new Option<bool>("--no-tls") { Description = "Do not shake hands with TLS, not even on the TLS ports" };
        var insecure = new Option<bool>("--insecure") { Description = "With --tls: show the certificate without failing on trust (a failed handshake or --cert-fail still fails)" };
        var ca = new Option<string>("--ca") { Description = "With --tls: also trust the CA certificates in this PEM file (a private CA)", HelpName = "FILE" };
        var certWarn = new Option<int?>("--cert-warn") { Description = "With --tls: warn when the certificate expires in fewer days (default 14)", HelpName = "DAYS" };
        var certFail = new Option<int?>("--cert-fail") { Description = "With --tls: fail (exit 1) when the certificate expires in fewer days", HelpName = "DAYS" };
        var starttls = new Option<string>("--starttls") { Description = $"With --tls: upgrade with the protocol's own STARTTLS first: {Reach.Tls.StartTls.Words} (chosen by itself on ports 25, 587, 143, 110, 21, 389, 5222, 5269, 5432, 3306)", HelpName = "PROTO" };
        var http = HttpOptions.CreateHttpOption();
        var follow = new Option<bool>("--follow") { Description = "With --http: follow redirects (at most 10); by default the first answer is the report" };
        var status = new Option<string>("--status") { Description = "With --http: the status codes that pass, e.g. 200, 200-299, 2xx,301 (default 200-399); another is 'http-failed', exit 1", HelpName = "CODES" };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print nothing; the exit code tells (0 reachable, 1 not, 2 bad input)" };
        var json = new Option<bool>("--json") { Description = "Print one JSON document (docs/check-json.md)" };
        var failedOnly = new Option<bool>("--failed-only") { Description = "List only the targets that are not reachable" };

        var command = new Command("check", """
            Check that a TCP service is up and reachable from this host: resolves the name, sends an ICMP echo,
            connects to the port, and explains the answer (open / closed / filtered and why).

            Examples:
              reach check srv01 443
              reach check db01:postgresql --detailed
              reach check mail01 25                      what answers: 220 mail01 ESMTP Postfix
              reach check www01 443 --cert-fail 7        the certificate: chain, names, days left
              reach check mail01 587 --tls              STARTTLS, then the same report
              reach check https://www01/health         status, Server, redirect, DNS/connect/TLS/first-byte times
              reach check web01 8080 --http /ready --status 200
              reach check db01 5432 --tls --ca ca.pem   PostgreSQL's SSLRequest, then the report
              reach check [2001:db8::10]:22 --timeout 1s
              reach check -i servers.txt -p rdp --failed-only
              reach check web01 web02 web03 -p https --json
            Exit codes: 0 every target reachable, 1 at least one not, 2 bad input.
            """)
        {
            targets, port, inputFile, ipv4, ipv6, allAddresses, noPing, timeout, detailed, banner, noBanner, tls, noTls, insecure, ca, certWarn, certFail, starttls, http, follow, status, quiet, json, failedOnly,
        };

        command.SetAction(async (result, cancellationToken) =>
        {
            var listFile = result.GetValue(inputFile);
            var request = await BlockingInput.ReadAsync(
                () => CheckRequestBinder.Bind(
                    result.GetValue(targets) ?? [],
                    result.GetValue(port),
                    listFile,
                    result.GetValue(timeout)!,
                    result.GetValue(ipv4),
                    result.GetValue(ipv6),
                    cancellationToken),
                readsFiles: listFile is not null,
                cancellationToken).ConfigureAwait(false);

            if (result.GetValue(banner) && result.GetValue(noBanner))
            {
                throw new UsageException("--banner and --no-banner: choose one");
            }

            var (tlsCheck, tlsPorts) = TlsOptions.Bind(
                result.GetValue(tls), result.GetValue(noTls), result.GetValue(insecure), result.GetValue(ca), result.GetValue(certWarn), result.GetValue(certFail), result.GetValue(starttls), request.Timeout,
                anyTlsPort: request.Targets.Any(t => t.Url?.Scheme == Uri.UriSchemeHttps || t.Port is { } p && Reach.Identification.ExpectedService.ForPort(p.Number) is { TlsWrapped: true }));
            var options = new CheckOptions
            {
                Timeout = request.Timeout,
                Ping = !result.GetValue(noPing),
                Family = request.Family,
                AllAddresses = result.GetValue(allAddresses),
                Detailed = result.GetValue(detailed),
                // --quiet answers for the port (and its TLS) alone: no second connection to find out what answers,
                // unless --banner asks for it (then a port answering another service fails the exit code too).
                Banner = !result.GetValue(noBanner) && (!result.GetValue(quiet) || result.GetValue(banner)),
                Tls = tlsCheck,
                TlsPorts = tlsPorts,
                Http = HttpOptions.Bind(result, http, result.GetValue(follow), result.GetValue(status), request.Timeout),
                AskHttp = HttpProbe.Prober,
            };
            if (!options.Ping && request.Targets.Any(t => t.Port is null))
            {
                throw new UsageException("no port given and --no-ping: nothing to check (give PORT, host:port or -p)");
            }

            var quietOutput = result.GetValue(quiet);
            using var progress = console.ErrorIsTerminal && !quietOutput && request.Targets.Count > 1
                ? new CheckProgressLine(console.Error, request.Targets.Count, TimeProvider.System)
                : null;
            var run = await new CheckRunner().RunAsync(request.Targets, options, progress, cancellationToken).ConfigureAwait(false);
            progress?.Dispose();
            if (result.GetValue(json))
            {
                CheckJsonWriter.Write(console.Out, run, request.IsList);
            }
            else if (!quietOutput)
            {
                new CheckRenderer(console.CreateAnsiOut(), options).Render(run, request.IsList, result.GetValue(failedOnly));
            }

            return run.AllReachable ? ExitCodes.Success : ExitCodes.NotReachable;
        });
        return command;
    }
}
