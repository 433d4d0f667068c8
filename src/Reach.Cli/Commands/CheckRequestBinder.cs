using Reach.Checking;
using Reach.Cli.Infrastructure;
using Reach.Targets;
using Reach.Text;
using Reach.Time;

namespace Reach.Cli.Commands;

/// <summary>Turns the raw arguments of <c>reach check</c> into a <see cref="CheckRequest"/>, or a one-line usage error.</summary>
internal static class CheckRequestBinder
{
    /// <summary>Binds the arguments; reads <paramref name="inputFile"/>, checking the token between reads.</summary>
    public static CheckRequest Bind(IReadOnlyList<string> arguments, string? portOption, string? inputFile, string timeoutText, bool ipv4, bool ipv6, CancellationToken cancellationToken = default)
    {
        if (arguments.FirstOrDefault(a => a.StartsWith('-')) is { } unknown)
        {
            throw new UsageException($"unknown option {Printable.Quote(unknown)} (see 'reach check --help')");
        }

        if (ipv4 && ipv6)
        {
            throw new UsageException("-4 and -6 exclude each other");
        }

        if (!DurationParser.TryParse(timeoutText, out var timeout, out var durationError))
        {
            throw new UsageException($"--timeout: {durationError}");
        }

        if (timeout <= TimeSpan.Zero)
        {
            throw new UsageException("--timeout must be more than 0");
        }

        PortSpec? defaultPort = null;
        if (portOption is not null)
        {
            defaultPort = ParsePort(portOption, "--port");
        }

        var targetTexts = arguments.ToList();
        PortSpec? positionalPort = null;
        if (targetTexts.Count == 2 && LooksLikePort(targetTexts[1]) && (defaultPort is null || IsPortNumber(targetTexts[1])))
        {
            // "reach check srv01 443": the second word is the port, as in Test-NetConnection and nc. With -p, two
            // words are two hosts ("reach check web01 db01 -p 22"), unless the second is a number.
            positionalPort = ParsePort(targetTexts[1], "PORT");
            targetTexts.RemoveAt(1);
        }

        if (positionalPort is not null && defaultPort is not null)
        {
            throw new UsageException("the port is given twice (PORT and --port): keep one");
        }

        if (targetTexts.Count > 2 && targetTexts.Skip(1).FirstOrDefault(IsPortNumber) is { } stray)
        {
            // "reach check db01 22 23": several ports for one host is a scan.
            throw new UsageException(
                $"'{stray}' is a port, not a host: check takes one PORT after one TARGET; give each target its port "
                + $"({targetTexts[0]}:{stray}), use -p for all, or 'reach scan {targetTexts[0]} -p PORTS' for several ports");
        }

        var port = positionalPort ?? defaultPort;
        var targets = new List<TargetSpec>();
        foreach (var text in targetTexts)
        {
            if (!TargetParser.TryParse(text, out var target, out var error))
            {
                throw new UsageException(error);
            }

            if (positionalPort is not null && target.Port is not null)
            {
                throw new UsageException($"{Printable.Quote(text)} already names port {target.Port.Value.Number}: drop the PORT argument");
            }

            targets.Add(target.WithDefaultPort(port));
        }

        if (inputFile is not null)
        {
            if (!TargetListReader.TryRead(inputFile, out var fromFile, out var fileError, cancellationToken))
            {
                throw new UsageException(fileError);
            }

            targets.AddRange(fromFile.Select(t => t.WithDefaultPort(port)));
        }

        if (targets.Count == 0)
        {
            throw new UsageException("no target: give TARGET [PORT] or -i FILE (see 'reach check --help')");
        }

        var family = ipv4 ? AddressFamilyFilter.IPv4Only : ipv6 ? AddressFamilyFilter.IPv6Only : AddressFamilyFilter.Any;
        return new CheckRequest(targets, timeout, family, IsList: inputFile is not null || targetTexts.Count > 1);
    }

    private static PortSpec ParsePort(string text, string what) =>
        PortParser.TryParse(text, out var port, out var error)
            ? port
            : throw new UsageException(what == "PORT" && !text.All(char.IsAsciiDigit)
                ? $"PORT: {error} (to check two hosts, give each a port: a:443 b:443, or use -p)"
                : $"{what}: {error}");

    private static bool IsPortNumber(string text) => text.Length is > 0 and <= 5 && text.All(char.IsAsciiDigit);

    /// <summary>
    /// The second of two words is the port unless it looks like a host (an address, a dotted name, host:port):
    /// "reach check srv01 htps" must say "unknown service", not quietly ping a host named htps.
    /// </summary>
    private static bool LooksLikePort(string text) =>
        text.Length > 0 && !text.Contains('.', StringComparison.Ordinal) && !text.Contains(':', StringComparison.Ordinal);
}
