using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Reach.Http;
using Reach.Identification;
using Reach.Targets;

namespace Reach.Checking;

/// <summary>What <c>reach check --http</c> (or a URL target) asks of an open web port.</summary>
/// <param name="Probe">How to ask: timeout, redirects.</param>
/// <param name="Accepted">The status codes that pass, as inclusive ranges (<c>--status</c>); by default 200–399.</param>
/// <param name="Path">The path asked of targets given without a URL (<c>--http PATH</c>); a URL target asks its own.</param>
public sealed record HttpCheck(HttpProbeOptions Probe, IReadOnlyList<StatusRange> Accepted, string Path = "/")
{
    /// <summary>2xx and 3xx: answered, and not an error (redirects are not followed unless asked).</summary>
    public static IReadOnlyList<StatusRange> DefaultAccepted { get; } = [new(200, 399)];

    public bool Accepts(int status) => StatusRange.AnyHolds(Accepted, status);

    /// <summary>The URL asked: the target's own, or http(s)://host:port/PATH (https on the TLS ports).</summary>
    public Uri UrlFor(TargetSpec target, int port)
    {
        ArgumentNullException.ThrowIfNull(target);
        return target.Url ?? UrlFor(target.Host, port, Path);
    }

    /// <summary>http(s)://host:port/path: https on the TLS-wrapped ports (443, 8443, …), the port left out where it is the scheme's own.</summary>
    public static Uri UrlFor(string host, int port, string path)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(path);
        var https = ExpectedService.ForPort(port) is { TlsWrapped: true };
        var name = host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host;
        var defaultPort = https ? 443 : 80;
        var authority = port == defaultPort ? name : string.Create(CultureInfo.InvariantCulture, $"{name}:{port}");
        return new Uri($"{(https ? "https" : "http")}://{authority}{(path.StartsWith('/') ? path : "/" + path)}");
    }
}

/// <summary>An inclusive range of HTTP status codes (<c>200-299</c>, or one code).</summary>
public readonly record struct StatusRange(int From, int To)
{
    /// <summary>Whether one of the ranges holds the code.</summary>
    public static bool AnyHolds(IReadOnlyList<StatusRange> ranges, int status)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        return ranges.Any(r => status >= r.From && status <= r.To);
    }

    /// <summary>
    /// <c>200,301-302,2xx</c>: codes, ranges and classes of 100–599 (<c>--status</c>, a watch's <c>status</c>); the error
    /// names the bad part.
    /// </summary>
    public static bool TryParseList(string text, [NotNullWhen(true)] out IReadOnlyList<StatusRange>? ranges, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        var list = new List<StatusRange>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (ParseOne(part) is not { } range)
            {
                ranges = null;
                error = $"{Text.Printable.Quote(part)} is not a status code, range or class (200, 200-299, 2xx; codes 100 to 599)";
                return false;
            }

            list.Add(range);
        }

        ranges = list;
        error = null;
        return true;
    }

    private static StatusRange? ParseOne(string part)
    {
        if (part.Length == 3 && part[0] is >= '1' and <= '5' && part.EndsWith("xx", StringComparison.OrdinalIgnoreCase))
        {
            var hundred = (part[0] - '0') * 100;
            return new StatusRange(hundred, hundred + 99);
        }

        var dash = part.IndexOf('-', StringComparison.Ordinal);
        var (fromText, toText) = dash < 0 ? (part, part) : (part[..dash], part[(dash + 1)..]);
        return Code(fromText) is { } from && Code(toText) is { } to && from <= to ? new StatusRange(from, to) : null;
    }

    private static int? Code(string text) =>
        text.Length == 3 && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var code) && code is >= 100 and <= 599 ? code : null;

    public override string ToString() => From == To
        ? From.ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{From}-{To}");
}
