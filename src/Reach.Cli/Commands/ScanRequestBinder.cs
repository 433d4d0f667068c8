using System.Globalization;
using Reach.Cli.Infrastructure;
using Reach.Identification;
using Reach.Scanning;
using Reach.Text;
using Reach.Time;
using Reach.Tls;

namespace Reach.Cli.Commands;

/// <summary>Turns the raw arguments of <c>reach scan</c> into a <see cref="ScanRequest"/>, or a one-line usage error.</summary>
internal static class ScanRequestBinder
{
    public sealed record Raw(
        IReadOnlyList<string> Targets,
        string? Ports,
        bool AllPorts,
        int? Top,
        IReadOnlyList<string> Profiles,
        string? InputFile,
        string? Exclude,
        string? ExcludeFile,
        string? Timeout,
        int? Retries,
        double? Rate,
        int? MaxInflight,
        int? MaxPerHost,
        bool Polite,
        ulong? Seed,
        string? Shard,
        bool Service = false,
        bool Tls = false,
        string? ServiceTimeout = null,
        int? ServiceConcurrency = null,
        int? ServicePerHost = null,
        string? Ca = null,
        bool Insecure = false,
        bool List = false,
        bool Down = false);

    /// <summary>Binds the arguments; reads <c>-i</c> and <c>--exclude-file</c>, checking the token between reads.</summary>
    public static ScanRequest Bind(Raw raw, CancellationToken cancellationToken = default)
    {
        if (raw.Targets.FirstOrDefault(t => t.StartsWith('-')) is { } unknown)
        {
            throw new UsageException($"unknown option {Printable.Quote(unknown)} (see 'reach scan --help')");
        }

        var targets = new List<HostSpec>();
        foreach (var text in raw.Targets)
        {
            targets.Add(HostSpecParser.TryParse(text, HostSpecRole.Target, out var spec, out var error) ? spec : throw new UsageException(error));
        }

        if (raw.InputFile is not null)
        {
            targets.AddRange(HostListReader.TryRead(raw.InputFile, HostSpecRole.Target, out var fromFile, out var error, cancellationToken) ? fromFile : throw new UsageException(error));
        }

        if (targets.Count == 0)
        {
            throw new UsageException("no target: give addresses, ranges, CIDR or names, or -i FILE (see 'reach scan --help')");
        }

        var exclusions = new List<HostSpec>();
        if (raw.Exclude is not null)
        {
            exclusions.AddRange(HostSpecParser.TryParseList(raw.Exclude, HostSpecRole.Exclusion, out var specs, out var error) ? specs : throw new UsageException($"--exclude: {error}"));
        }

        if (raw.ExcludeFile is not null)
        {
            exclusions.AddRange(HostListReader.TryRead(raw.ExcludeFile, HostSpecRole.Exclusion, out var specs, out var error, cancellationToken) ? specs : throw new UsageException(error));
        }

        var ports = BindPorts(raw);
        var options = BindOptions(raw);
        if (options.FixedTimeout is null && ports.Count >= 2 && DiscoveryPortFor(ports) is { } discovery)
        {
            options = options with { DiscoveryPort = discovery };
        }

        var service = BindService(raw);
        if (service is not null)
        {
            // Its connections come out of the same open-file limit as the scan's own sockets (one per port identified at once).
            options = options with { ReservedDescriptors = service.Concurrency };
        }

        return new ScanRequest(targets, exclusions, ports, options, raw.Seed ?? (ulong)Random.Shared.NextInt64(), BindShard(raw.Shard)) { Service = service };
    }

    /// <summary>
    /// <c>--service</c>, <c>--tls</c>, <c>--service-timeout</c>, <c>--service-concurrency</c>,
    /// <c>--service-per-host</c>, <c>--ca</c>, <c>--insecure</c>: null without <c>--service</c>. The others need it
    /// (and <c>--ca</c> and <c>--insecure</c>, <c>--tls</c> too: no handshake, no certificate); <c>--list</c> sends
    /// nothing and <c>--down</c> lists no open port, so neither has ports to identify.
    /// </summary>
    private static ScanServiceRequest? BindService(Raw raw)
    {
        if (!raw.Tls && (raw.Ca is not null || raw.Insecure))
        {
            throw new UsageException($"{(raw.Ca is not null ? "--ca" : "--insecure")} needs --service --tls (reach scan sees certificates only in the handshakes --tls asks for)");
        }

        if (!raw.Service)
        {
            var needs = raw.Tls ? "--tls"
                : raw.ServiceTimeout is not null ? "--service-timeout"
                : raw.ServiceConcurrency is not null ? "--service-concurrency"
                : raw.ServicePerHost is not null ? "--service-per-host"
                : null;
            return needs is null ? null : throw new UsageException($"{needs} needs --service (reach scan identifies services only when asked)");
        }

        if (raw.List)
        {
            throw new UsageException("--service with --list: --list sends nothing, so there is nothing to identify; choose one");
        }

        if (raw.Down)
        {
            throw new UsageException("--service with --down: --down reports the ports hosts miss, not the open ones; choose one");
        }

        var wait = TimeSpan.FromSeconds(1);
        if (raw.ServiceTimeout is not null)
        {
            if (!DurationParser.TryParse(raw.ServiceTimeout, out wait, out var error))
            {
                throw new UsageException($"--service-timeout: {error}");
            }

            if (wait < TimeSpan.FromMilliseconds(10) || wait > TimeSpan.FromSeconds(60))
            {
                throw new UsageException($"--service-timeout {raw.ServiceTimeout} is out of range (10ms-60s)");
            }
        }

        var concurrency = raw.ServiceConcurrency ?? (raw.Polite ? ScanServiceRequest.PoliteConcurrency : ScanServiceRequest.DefaultConcurrency);
        if (concurrency is < 1 or > ScanServiceRequest.MaxConcurrency)
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--service-concurrency {concurrency} is out of range (1-{ScanServiceRequest.MaxConcurrency})"));
        }

        var perHost = raw.ServicePerHost ?? (raw.Polite ? ScanServiceRequest.PolitePerHost : ScanServiceRequest.DefaultPerHost);
        if (perHost is < 1 or > ScanServiceRequest.MaxPerHost)
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--service-per-host {perHost} is out of range (1-{ScanServiceRequest.MaxPerHost})"));
        }

        // SNI: the name given for the host (the address otherwise); a handshake gets the same bound as the banner.
        var tls = raw.Tls ? new TlsProbeOptions { Timeout = wait, ExtraTrust = raw.Ca is null ? [] : TlsOptions.ReadCa(raw.Ca) } : null;
        return new ScanServiceRequest(new ServiceIdentifierOptions { Wait = wait, Tls = tls }, concurrency, perHost) { InsecureTls = raw.Insecure };
    }

    private static PortSet BindPorts(Raw raw)
    {
        var ports = PortSet.Empty;
        if (raw.AllPorts)
        {
            ports = PortSet.All;
        }

        if (raw.Ports is not null)
        {
            ports = ports.Union(PortSetParser.TryParse(raw.Ports, out var set, out var error) ? set : throw new UsageException($"-p: {error}"));
        }

        if (raw.Top is { } top)
        {
            ports = ports.Union(TopPorts.TryTake(top, out var set, out var error) ? set : throw new UsageException($"--top: {error}"));
        }

        foreach (var name in raw.Profiles)
        {
            ports = ports.Union(PortProfiles.TryGet(name, out var profile, out var error) ? profile.Ports : throw new UsageException($"--profile: {error}"));
        }

        // Like nmap: without any port option, the most common ports.
        return ports.IsEmpty ? TopPorts.Take(Math.Min(100, TopPorts.Count)) : ports;
    }

    private static ScanOptions BindOptions(Raw raw)
    {
        var options = raw.Polite ? ScanOptions.Polite : new ScanOptions();
        if (raw.Timeout is not null)
        {
            if (!DurationParser.TryParse(raw.Timeout, out var timeout, out var error))
            {
                throw new UsageException($"--timeout: {error}");
            }

            options = timeout > TimeSpan.Zero ? options with { FixedTimeout = timeout } : throw new UsageException("--timeout must be more than 0");
        }

        if (raw.Retries is { } retries)
        {
            // The most retries a silent port gets: one by default, more on hosts where retries are seen to bring answers.
            options = retries is >= 0 and <= 10
                ? options with { Retries = Math.Min(options.Retries, retries), MaxRetries = retries }
                : throw new UsageException($"--retries {retries} is out of range (0-10)");
        }

        if (raw.Rate is { } rate)
        {
            options = rate > 0 ? options with { Rate = rate } : throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--rate {rate} must be more than 0"));
        }

        if (raw.MaxInflight is { } inflight)
        {
            options = inflight is >= 1 and <= 65536 ? options with { MaxInflight = inflight } : throw new UsageException($"--max-inflight {inflight} is out of range (1-65536)");
        }

        if (raw.MaxPerHost is { } perHost)
        {
            options = perHost >= 1 ? options with { MaxPerHost = perHost } : throw new UsageException($"--max-per-host {perHost} must be at least 1");
        }

        return options;
    }

    /// <summary>
    /// A high port outside the scan, almost surely closed, to learn each host's round trip from its RST. A scan of
    /// (nearly) every port needs none: the closed ports teach it anyway.
    /// </summary>
    private static int? DiscoveryPortFor(PortSet ports)
    {
        if (ports.Count > 1000)
        {
            return null;
        }

        for (var port = 65534; port > 49152; port--)
        {
            if (!ports.Contains(port))
            {
                return port;
            }
        }

        return null;
    }

    private static ShardSpec BindShard(string? text) => text is null
        ? ShardSpec.Whole
        : ShardSpec.TryParse(text, out var shard, out var error) ? shard : throw new UsageException($"--shard: {error}");
}
