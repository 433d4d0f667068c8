using System.Globalization;
using Reach.Checking;
using Reach.Cli.Infrastructure;
using Reach.Targets;
using Reach.Text;
using Reach.Time;
using Reach.Tracing;

namespace Reach.Cli.Commands;

/// <summary>Turns the raw arguments of <c>reach trace</c> into a <see cref="TraceRequest"/>, or a one-line usage error.</summary>
internal static class TraceRequestBinder
{
    public const int MaxQueries = 10;

    public static TraceRequest Bind(string targetText, string? portText, int maxHops, int queries, string timeoutText, bool noNames, bool ipv4, bool ipv6)
    {
        if (targetText.StartsWith('-'))
        {
            throw new UsageException($"unknown option {Printable.Quote(targetText)} (see 'reach trace --help')");
        }

        if (ipv4 && ipv6)
        {
            throw new UsageException("-4 and -6 exclude each other");
        }

        if (maxHops is < 1 or > TraceOptions.MaxTtl)
        {
            throw new UsageException($"--max-hops must be 1 to {TraceOptions.MaxTtl.ToString(CultureInfo.InvariantCulture)}");
        }

        if (queries is < 1 or > MaxQueries)
        {
            throw new UsageException($"--queries must be 1 to {MaxQueries.ToString(CultureInfo.InvariantCulture)}");
        }

        if (!DurationParser.TryParse(timeoutText, out var timeout, out var durationError))
        {
            throw new UsageException($"--timeout: {durationError}");
        }

        if (timeout <= TimeSpan.Zero || timeout > TimeSpan.FromMinutes(1))
        {
            throw new UsageException("--timeout must be more than 0 and at most 1m");
        }

        if (!TargetParser.TryParse(targetText, out var target, out var targetError))
        {
            throw new UsageException(targetError);
        }

        if (portText is not null)
        {
            if (target.Port is not null)
            {
                throw new UsageException($"{Printable.Quote(targetText)} already names port {target.Port.Value.Number.ToString(CultureInfo.InvariantCulture)}: drop the PORT argument");
            }

            target = target with { Port = PortParser.TryParse(portText, out var port, out var portError) ? port : throw new UsageException($"PORT: {portError}") };
        }

        var options = new TraceOptions
        {
            MaxHops = maxHops,
            Queries = queries,
            Timeout = timeout,
            ResolveNames = !noNames,
            Family = ipv4 ? AddressFamilyFilter.IPv4Only : ipv6 ? AddressFamilyFilter.IPv6Only : AddressFamilyFilter.Any,
        };
        return new TraceRequest(target, options);
    }
}
