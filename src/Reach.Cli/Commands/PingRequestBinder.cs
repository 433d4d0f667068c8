using Reach.Checking;
using Reach.Cli.Infrastructure;
using Reach.Pinging;
using Reach.Targets;
using Reach.Text;

namespace Reach.Cli.Commands;

/// <summary>Turns the raw arguments of <c>reach ping</c> into a <see cref="PingRequest"/>, or a one-line usage error.</summary>
internal static class PingRequestBinder
{
    public static PingRequest Bind(
        IReadOnlyList<string> arguments,
        int? count,
        string intervalText,
        string timeoutText,
        bool icmp,
        bool resolveEach,
        bool ipv4,
        bool ipv6)
    {
        if (arguments.FirstOrDefault(a => a.StartsWith('-')) is { } unknown)
        {
            throw new UsageException($"unknown option {Printable.Quote(unknown)} (see 'reach ping --help')");
        }

        if (arguments.Count is 0 or > 2)
        {
            throw new UsageException("give one target: TARGET PORT, TARGET:PORT, or TARGET with --icmp (see 'reach ping --help')");
        }

        if (ipv4 && ipv6)
        {
            throw new UsageException("-4 and -6 exclude each other");
        }

        if (count is < 1)
        {
            throw new UsageException($"--count must be at least 1 (got {count})");
        }

        var interval = DurationOption.Parse(intervalText, "--interval");
        var timeout = DurationOption.Parse(timeoutText, "--timeout");
        if (!TargetParser.TryParse(arguments[0], out var target, out var error))
        {
            throw new UsageException(error);
        }

        var port = target.Port;
        if (arguments.Count == 2)
        {
            if (port is not null)
            {
                throw new UsageException($"{Printable.Quote(arguments[0])} already names port {port.Value.Number}: drop the PORT argument");
            }

            port = PortParser.TryParse(arguments[1], out var parsed, out var portError)
                ? parsed
                : throw new UsageException($"PORT: {portError}");
        }

        if (icmp && port is not null)
        {
            throw new UsageException("--icmp pings the host, not a port: drop the port");
        }

        if (!icmp && port is null)
        {
            throw new UsageException($"no port for {Printable.Quote(arguments[0])}: give TARGET PORT or TARGET:PORT (or --icmp for an ICMP echo)");
        }

        var options = new PingOptions
        {
            Count = count,
            Interval = interval,
            Timeout = timeout,
            ResolveEach = resolveEach,
            Family = ipv4 ? AddressFamilyFilter.IPv4Only : ipv6 ? AddressFamilyFilter.IPv6Only : AddressFamilyFilter.Any,
        };
        return new PingRequest(target, port, options);
    }
}
