using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Reach.Cli.Infrastructure;
using Reach.Hosting;
using Reach.Reflector;

namespace Reach.Cli.Commands;

/// <summary><c>reach serve</c>: the reflector <c>reach external</c> asks "what is my address, is my port open from outside?".</summary>
internal static class ServeCommand
{
    /// <summary>The command's help text, also listed by the quick image, which does not hold the command (FullImage).</summary>
    public const string Description = """
        Run a reflector for `reach external`: GET /v1/ip tells callers their address as seen from here, and
        POST /v1/check {"ports":[8080]} probes those ports on the caller's own address (never another: there
        is no target parameter). Per-client rate limits, a few ports per request, short timeouts. Also
        /metrics (Prometheus) and /healthz. Runs in the foreground or as a systemd or Windows service.

        Examples:
          reach serve --allow-private                       (a lab or LAN reflector on 127.0.0.1:9106)
          reach serve --listen 0.0.0.0:9106                 (a public reflector on a VPS)
          reach serve --listen 127.0.0.1:9106 --trust-proxy 127.0.0.1   (behind nginx on the same host)
          reach serve --listen 0.0.0.0:9106 --print-unit > /etc/systemd/system/reach-serve.service
        """;

    public static Command Create(CliConsole console)
    {
        var defaults = new ReflectorOptions();
        var listen = new Option<string>("--listen")
        {
            Description = $"Where to listen: ADDR:PORT (default {ListenAddress.Format(defaults.Listen)}; a public reflector listens on 0.0.0.0:{ReflectorOptions.DefaultPort})",
            DefaultValueFactory = _ => ListenAddress.Format(defaults.Listen),
        };
        var allowPrivate = new Option<bool>("--allow-private") { Description = "Also serve callers whose address is not public but a host's: loopback, link-local, private, carrier-grade NAT, documentation, benchmarking (labs, LANs); refused with 403 otherwise. Unspecified, multicast, broadcast and reserved addresses are always refused" };
        var trustProxy = new Option<string[]>("--trust-proxy")
        {
            Description = "A reverse proxy (CIDR or address) whose X-Forwarded-For is believed; repeatable. From anyone else the header is ignored",
            AllowMultipleArgumentsPerToken = false,
        };
        var maxPorts = new Option<int?>("--max-ports") { Description = $"Ports one request may ask for (default {defaults.MaxPortsPerRequest})" };
        var requests = new Option<int?>("--requests-per-minute") { Description = $"Requests per client per minute (default {defaults.RequestsPerMinute})" };
        var portsPerMinute = new Option<int?>("--ports-per-minute") { Description = $"Ports probed per client per minute (default {defaults.PortsPerMinute})" };
        var ipv6Prefix = new Option<int?>("--ipv6-prefix")
        {
            Description = $"IPv6 callers count per prefix of this length for the limits ({ReflectorOptions.MinIPv6Prefix}-128, default {defaults.IPv6Prefix}: a /{defaults.IPv6Prefix} is one client); an IPv4 client is one address",
        };
        var timeout = new Option<string?>("--probe-timeout") { Description = $"How long one probe waits for an answer (default {Time.DurationParser.Format(defaults.ProbeTimeout)}, at most {Time.DurationParser.Format(ReflectorOptions.MaxProbeTimeout)})" };
        var printUnit = new Option<bool>("--print-unit") { Description = "Print a systemd unit that runs this binary with these options, and exit" };

        var command = new Command("serve", Description)
        {
            listen, allowPrivate, trustProxy, maxPorts, requests, portsPerMinute, ipv6Prefix, timeout, printUnit,
        };

        command.SetAction(async (result, cancellationToken) =>
        {
            var options = new ReflectorOptions
            {
                Listen = ParseListen(result.GetValue(listen)!),
                AllowPrivate = result.GetValue(allowPrivate),
                TrustedProxies = [.. (result.GetValue(trustProxy) ?? []).Select(ParseProxy)],
                // Without --max-ports, a request is never larger than the per-minute budget (--ports-per-minute 5 alone works).
                MaxPortsPerRequest = Positive(result.GetValue(maxPorts), "--max-ports", Math.Min(defaults.MaxPortsPerRequest, result.GetValue(portsPerMinute) ?? int.MaxValue), 1024),
                RequestsPerMinute = Positive(result.GetValue(requests), "--requests-per-minute", defaults.RequestsPerMinute, 100_000),
                PortsPerMinute = Positive(result.GetValue(portsPerMinute), "--ports-per-minute", defaults.PortsPerMinute, 1_000_000),
                IPv6Prefix = IPv6Prefix(result.GetValue(ipv6Prefix), defaults.IPv6Prefix),
                ProbeTimeout = result.GetValue(timeout) is { } t ? ProbeTimeout(t) : defaults.ProbeTimeout,
            };

            if (options.MaxPortsPerRequest > options.PortsPerMinute)
            {
                throw new UsageException(
                    $"--max-ports {options.MaxPortsPerRequest.ToString(CultureInfo.InvariantCulture)} is more than --ports-per-minute {options.PortsPerMinute.ToString(CultureInfo.InvariantCulture)}: a request that large could never be served (lower --max-ports)");
            }

            if (result.GetValue(printUnit))
            {
                await console.Out.WriteAsync(ServeUnit.Render(SystemdUnit.CurrentCommand(), options)).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            if (ListenAddress.BindError(options.Listen) is { } bindError)
            {
                await console.Error.WriteLineAsync($"reach: cannot listen on {ListenAddress.Format(options.Listen)}: {bindError} (--listen ADDR:PORT to change)").ConfigureAwait(false);
                return ExitCodes.Unavailable;
            }

            await using var app = ReflectorHost.Create(options);
            var started = false;
            using var onStarted = app.Lifetime.ApplicationStarted.Register(() => started = true);
            try
            {
                await Microsoft.Extensions.Hosting.HostingAbstractionsHostExtensions.RunAsync(app, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ListenFailure.Reason(ex, started) is { } reason)
            {
                await console.Error.WriteLineAsync($"reach: cannot listen on {ListenAddress.Format(options.Listen)}: {reason} (--listen ADDR:PORT to change)").ConfigureAwait(false);
                return ExitCodes.Unavailable;
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static IPEndPoint ParseListen(string text)
    {
        try
        {
            return ListenAddress.Parse(text, ReflectorOptions.DefaultPort) ?? throw new UsageException("--listen none: reach serve is only its HTTP server; give ADDR:PORT");
        }
        catch (FormatException ex)
        {
            throw new UsageException(ex.Message);
        }
    }

    private static IPNetwork ParseProxy(string text)
    {
        if (IPNetwork.TryParse(text, out var network))
        {
            return network;
        }

        return IPAddress.TryParse(text, out var address)
            ? new IPNetwork(address, address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128)
            : throw new UsageException($"--trust-proxy '{text}' is not an address or CIDR (127.0.0.1, 10.0.0.0/8, ::1)");
    }

    private static int Positive(int? value, string option, int fallback, int max) => value switch
    {
        null => fallback,
        < 1 => throw new UsageException($"{option} must be at least 1"),
        _ when value > max => throw new UsageException($"{option} must be at most {max.ToString(CultureInfo.InvariantCulture)}"),
        _ => value.Value,
    };

    private static int IPv6Prefix(int? value, int fallback) => value switch
    {
        null => fallback,
        < ReflectorOptions.MinIPv6Prefix or > 128 => throw new UsageException(
            $"--ipv6-prefix {value.Value.ToString(CultureInfo.InvariantCulture)} is not a prefix length from {ReflectorOptions.MinIPv6Prefix} to 128 (64 counts each IPv6 /64 as one client; shorter than /{ReflectorOptions.MinIPv6Prefix} would put whole providers in one budget)"),
        _ => value.Value,
    };

    private static TimeSpan ProbeTimeout(string text)
    {
        var value = DurationOption.Parse(text, "--probe-timeout");
        return value <= ReflectorOptions.MaxProbeTimeout
            ? value
            : throw new UsageException($"--probe-timeout {text} is longer than {Time.DurationParser.Format(ReflectorOptions.MaxProbeTimeout)}: callers would hold sockets open");
    }
}
