using System.Globalization;
using Reach.Http;
using Spectre.Console;

namespace Reach.Cli.Rendering;

/// <summary>
/// The HTTP rows of <c>reach check</c>: the answer (status, redirect, Server), the redirects followed, and the phases
/// as <c>curl -w</c> would time them. Server text is already one printable line; it is escaped for markup here.
/// </summary>
internal static class HttpRows
{
    public static void Render(HttpReport http, string prefix, Action<string, string> row)
    {
        foreach (var hop in http.Redirects)
        {
            row("Redirect", $"{prefix}{hop.StatusCode.ToString(CultureInfo.InvariantCulture)} {Markup.Escape(hop.Url.AbsoluteUri)} → {Markup.Escape(hop.Location)}");
        }

        row("HTTP", prefix + Answer(http));
        row("Timing", prefix + Timing(http.Timing));
    }

    private static string Answer(HttpReport http)
    {
        if (http.StatusCode is not { } code)
        {
            return $"[red]no answer from {Markup.Escape(http.Url.AbsoluteUri)}: {Markup.Escape(http.Error ?? "unknown error")}[/]";
        }

        var colour = code switch
        {
            < 300 => "green",
            < 400 => "yellow",
            _ => "red",
        };
        var details = new List<string> { http.Version ?? "HTTP" };
        if (http.Server is { } server)
        {
            details.Add($"Server: {server}");
        }

        var location = http.Location is { } to ? $" → {Markup.Escape(to)}" : string.Empty;
        return $"[{colour}]{code.ToString(CultureInfo.InvariantCulture)} {Markup.Escape(http.Reason ?? string.Empty)}[/]{location}  [grey]({Markup.Escape(string.Join(", ", details))}, {Markup.Escape(http.Url.AbsoluteUri)})[/]";
    }

    private static string Timing(HttpTiming timing)
    {
        var parts = new List<string>();
        Add(parts, "DNS", timing.Dns);
        Add(parts, "connect", timing.Connect);
        Add(parts, "TLS", timing.Tls);
        Add(parts, "first byte", timing.FirstByte);
        Add(parts, "total", timing.Total);
        return Markup.Escape(string.Join(" · ", parts));
    }

    private static void Add(List<string> parts, string name, TimeSpan? value)
    {
        if (value is { } v)
        {
            parts.Add($"{name} {v.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture)} ms");
        }
    }
}
