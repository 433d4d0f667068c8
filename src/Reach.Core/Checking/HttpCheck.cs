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

    public bool Accepts(int status) => Accepted.Any(r => status >= r.From && status <= r.To);

    /// <summary>The URL asked: the target's own, or http(s)://host:port/PATH (https on the TLS ports).</summary>
    public Uri UrlFor(TargetSpec target, int port)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target.Url is { } url)
        {
            return url;
        }

        var https = ExpectedService.ForPort(port) is { TlsWrapped: true };
        var host = target.Host.Contains(':', StringComparison.Ordinal) ? $"[{target.Host}]" : target.Host;
        var defaultPort = https ? 443 : 80;
        var authority = port == defaultPort ? host : string.Create(CultureInfo.InvariantCulture, $"{host}:{port}");
        return new Uri($"{(https ? "https" : "http")}://{authority}{(Path.StartsWith('/') ? Path : "/" + Path)}");
    }
}

/// <summary>An inclusive range of HTTP status codes (<c>200-299</c>, or one code).</summary>
public readonly record struct StatusRange(int From, int To)
{
    public override string ToString() => From == To
        ? From.ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{From}-{To}");
}
