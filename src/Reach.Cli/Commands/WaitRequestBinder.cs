using Reach.Checking;
using Reach.Cli.Infrastructure;
using Reach.Targets;
using Reach.Text;
using Reach.Waiting;

namespace Reach.Cli.Commands;

/// <summary>Turns the raw arguments of <c>reach wait</c> into targets and <see cref="WaitOptions"/>, or a one-line usage error.</summary>
internal static class WaitRequestBinder
{
    public static (IReadOnlyList<TargetSpec> Targets, WaitOptions Options) Bind(
        IReadOnlyList<string> arguments,
        string intervalText,
        string timeoutText,
        bool any,
        bool closed,
        bool ipv4,
        bool ipv6)
    {
        if (arguments.FirstOrDefault(a => a.StartsWith('-')) is { } unknown)
        {
            throw new UsageException($"unknown option {Printable.Quote(unknown)} (see 'reach wait --help')");
        }

        if (ipv4 && ipv6)
        {
            throw new UsageException("-4 and -6 exclude each other");
        }

        var interval = DurationOption.Parse(intervalText, "--interval");
        if (interval < WaitOptions.MinInterval)
        {
            throw new UsageException($"--interval: '{intervalText}' is shorter than the least, 10ms (a round of probes needs that much)");
        }

        var options = new WaitOptions
        {
            Interval = interval,
            Timeout = DurationOption.Parse(timeoutText, "--timeout"),
            Any = any,
            Condition = closed ? WaitCondition.Closed : WaitCondition.Open,
            Family = ipv4 ? AddressFamilyFilter.IPv4Only : ipv6 ? AddressFamilyFilter.IPv6Only : AddressFamilyFilter.Any,
        };

        var targets = new List<TargetSpec>();
        foreach (var text in arguments)
        {
            if (!TargetParser.TryParse(text, out var target, out var error))
            {
                throw new UsageException(error);
            }

            if (target.Port is null)
            {
                throw new UsageException($"{Printable.Quote(text)} has no port: write HOST:PORT (e.g. {text}:5432 or {text}:https)");
            }

            targets.Add(target);
        }

        if (targets.Count == 0)
        {
            throw new UsageException("no target: give HOST:PORT [HOST:PORT...] (see 'reach wait --help')");
        }

        return (targets, options);
    }
}
