using System.Globalization;
using System.Reflection;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Reach.Monitoring.Config;
using Reach.Monitoring.Hosting;
using Reach.Monitoring.Json;

namespace Reach.Monitoring.Http;

/// <summary>
/// What the status page needs beyond <c>/api/checks</c> and <c>/api/incidents</c>: <c>/api/meta</c> (version,
/// refresh period, the checks) and <c>/api/series</c> (one target's latency over time, for the chart).
/// </summary>
internal static class PageApi
{
    /// <summary>More points than this make a chart no one can read and a query no one needs.</summary>
    public const int MaxPoints = 2000;

    private static readonly string Version = typeof(PageApi).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion is { } v
        ? v.Split('+')[0]
        : "unknown";

    public static void Map(WebApplication app, WatchEngine engine)
    {
        app.MapGet("/api/meta", (HttpContext context) =>
        {
            var checks = engine.Config?.Checks ?? [];
            var meta = new ApiMeta(
                Version,
                RefreshSeconds(checks),
                [.. checks.Select(c => new ApiCheck(c.Name, c.Type.ToString().ToLowerInvariant(), c.Interval.TotalSeconds, c.DownAfter, c.UpAfter))]);
            return WriteJsonAsync(context, meta, WatchJsonContext.Default.ApiMeta);
        });

        app.MapGet("/api/series", async (HttpContext context) =>
        {
            var q = context.Request.Query;
            if (!SeriesRequest.TryParse(q["target"], q["since"], q["bucket"], out var request, out var error))
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                await WriteJsonAsync(context, new ApiError(error), WatchJsonContext.Default.ApiError).ConfigureAwait(false);
                return;
            }

            var latest = await engine.Store.GetLatestAsync(includeRetired: true, context.RequestAborted).ConfigureAwait(false);
            var target = latest.Select(t => t.Target).FirstOrDefault(t => string.Equals(t.ToString(), request.Target, StringComparison.Ordinal));
            if (target == default)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                await WriteJsonAsync(context, new ApiError($"no target '{request.Target}' (ids look like check/host:port)"), WatchJsonContext.Default.ApiError).ConfigureAwait(false);
                return;
            }

            var until = engine.Time.GetUtcNow();
            var points = await engine.Store.GetSeriesAsync(target, until - request.Since, until, request.Bucket, context.RequestAborted).ConfigureAwait(false);
            var series = new ApiSeries(
                request.Target,
                until - request.Since,
                until,
                request.Bucket.TotalSeconds,
                [.. points.Select(p => new ApiSeriesPoint(
                    p.Start,
                    p.Probes,
                    p.Successes,
                    p.Failures,
                    Milliseconds(p.LatencyAverage),
                    Milliseconds(p.LatencyMin),
                    Milliseconds(p.LatencyMax)))]);
            await WriteJsonAsync(context, series, WatchJsonContext.Default.ApiSeries).ConfigureAwait(false);
        });
    }

    /// <summary>The page refreshes as often as the quickest check changes, but not more than once a second nor less than every 10 s.</summary>
    public static int RefreshSeconds(IReadOnlyList<CheckDefinition> checks) =>
        checks.Count == 0 ? 10 : (int)Math.Clamp(Math.Ceiling(checks.Min(c => c.Interval).TotalSeconds), 1, 10);

    private static double? Milliseconds(TimeSpan? value) => value is { } v ? Math.Round(v.TotalMilliseconds, 3) : null;

    private static Task WriteJsonAsync<T>(HttpContext context, T value, JsonTypeInfo<T> type) =>
        context.Response.WriteAsJsonAsync(value, type, contentType: "application/json; charset=utf-8", context.RequestAborted);
}

/// <summary>The query of <c>/api/series</c>: <c>target=check/host:port&amp;since=24h&amp;bucket=5m</c>.</summary>
internal sealed record SeriesRequest(string Target, TimeSpan Since, TimeSpan Bucket)
{
    public static readonly TimeSpan DefaultSince = TimeSpan.FromHours(24);

    public static bool TryParse(string? target, string? since, string? bucket, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SeriesRequest? request, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        request = null;
        if (string.IsNullOrEmpty(target))
        {
            error = "target is required (target=check/host:port, as in /api/checks)";
            return false;
        }

        var span = DefaultSince;
        if (!string.IsNullOrEmpty(since) && !TryDuration("since", since, out span, out error))
        {
            return false;
        }

        // Without a bucket: about 120 points over the span, never finer than a second.
        var step = TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling(span.TotalSeconds / 120)));
        if (!string.IsNullOrEmpty(bucket) && !TryDuration("bucket", bucket, out step, out error))
        {
            return false;
        }

        if (step < TimeSpan.FromSeconds(1))
        {
            error = $"bucket '{bucket}' is shorter than 1s";
            return false;
        }

        if (span / step > PageApi.MaxPoints)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"since/bucket gives more than {PageApi.MaxPoints} points: take a longer bucket");
            return false;
        }

        request = new SeriesRequest(target, span, step);
        error = null;
        return true;
    }

    private static bool TryDuration(string name, string text, out TimeSpan value, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        if (!ConfigDuration.TryParse(text, out value, out var why))
        {
            error = $"{name}: {why}";
            return false;
        }

        if (value <= TimeSpan.Zero)
        {
            error = $"{name} '{text}' must be longer than zero";
            return false;
        }

        error = null;
        return true;
    }
}
