using System.Globalization;
using System.Net;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Reach.Monitoring.Hosting;
using Reach.Monitoring.Json;
using Reach.Monitoring.Probing;
using Reach.Monitoring.State;
using Reach.Monitoring.Store;
using Reach.Probes;

namespace Reach.Monitoring.Http;

/// <summary>
/// The HTTP endpoints of <c>reach watch</c>: <c>/healthz</c>, <c>/api/checks</c>, <c>/api/checks/{id}</c>,
/// <c>/api/incidents</c> and <c>/metrics</c>, plus the status page at <c>/</c> and its <c>/api/meta</c>, <c>/api/series</c>. Every handler is a plain <see cref="RequestDelegate"/> writing
/// source-generated JSON or text, so nothing needs the reflection-based request delegate factory (NativeAOT).
/// </summary>
internal static class StatusApi
{
    public static void Map(WebApplication app, WatchEngine engine, WatchMetrics metrics, string? token)
    {
        if (token is { Length: > 0 })
        {
            var bearer = new BearerToken(token);
            app.Use(async (context, next) =>
            {
                if (context.Request.Path.Equals("/healthz", StringComparison.Ordinal) || StatusPage.IsPublic(context.Request.Path) || bearer.Accepts(context.Request.Headers.Authorization.ToString()))
                {
                    await next(context).ConfigureAwait(false);
                    return;
                }

                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.Headers.WWWAuthenticate = "Bearer";
                await WriteJsonAsync(context, new ApiError("a bearer token is required (Authorization: Bearer TOKEN)"), WatchJsonContext.Default.ApiError).ConfigureAwait(false);
            });
        }

        app.Use(StoreReadyGate.Create(() => engine.IsRunning));

        app.MapGet("/healthz", (HttpContext context) =>
        {
            var running = engine.IsRunning;
            context.Response.StatusCode = running ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
            context.Response.ContentType = "text/plain; charset=utf-8";
            return context.Response.WriteAsync(running ? "ok\n" : "not running\n", context.RequestAborted);
        });

        app.MapGet("/api/checks", async (HttpContext context) =>
        {
            var list = await TargetsAsync(engine.Store, engine.Time.GetUtcNow(), WarnDays(engine), includeRetired: false, context.RequestAborted).ConfigureAwait(false);
            await WriteJsonAsync(context, list, WatchJsonContext.Default.ListApiTarget).ConfigureAwait(false);
        });

        app.MapGet("/api/checks/{**id}", async (HttpContext context) =>
        {
            var id = Uri.UnescapeDataString(context.Request.RouteValues["id"] as string ?? string.Empty);
            var list = await TargetsAsync(engine.Store, engine.Time.GetUtcNow(), WarnDays(engine), includeRetired: true, context.RequestAborted).ConfigureAwait(false);
            var found = list.FirstOrDefault(t => string.Equals(t.Id, id, StringComparison.Ordinal));
            if (found is null)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                await WriteJsonAsync(context, new ApiError($"no target '{id}' (ids look like check/host:port)"), WatchJsonContext.Default.ApiError).ConfigureAwait(false);
                return;
            }

            await WriteJsonAsync(context, found, WatchJsonContext.Default.ApiTarget).ConfigureAwait(false);
        });

        app.MapGet("/api/incidents", async (HttpContext context) =>
        {
            var q = context.Request.Query;
            if (!IncidentsRequest.TryParse(q["open"], q["check"], q["limit"], out var query, out var error))
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                await WriteJsonAsync(context, new ApiError(error), WatchJsonContext.Default.ApiError).ConfigureAwait(false);
                return;
            }

            var incidents = await engine.Store.GetIncidentsAsync(query, context.RequestAborted).ConfigureAwait(false);
            var now = engine.Time.GetUtcNow();
            var list = incidents.Select(i => new ApiIncident(
                i.Id,
                i.Target.ToString(),
                i.Target.Check,
                i.Target.Host,
                i.Target.Port == 0 ? null : i.Target.Port,
                i.IsOpen,
                i.Start,
                i.End,
                Math.Round(i.Duration(now).TotalSeconds, 3),
                i.Reason,
                i.LastError,
                i.EndNote,
                i.Kind.ToWord())).ToList();
            await WriteJsonAsync(context, list, WatchJsonContext.Default.ListApiIncident).ConfigureAwait(false);
        });

        StatusPage.Map(app);
        PageApi.Map(app, engine);

        app.MapGet("/metrics", async (HttpContext context) =>
        {
            context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
            await metrics.ExportAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
        });
    }

    /// <summary>Each configured check's <c>warn_days</c>, by name (tls checks and http checks, which judge an https certificate).</summary>
    private static Dictionary<string, int> WarnDays(WatchEngine engine) =>
        (engine.Config?.Checks ?? []).Where(c => c.Tls is not null).ToDictionary(c => c.Name, c => c.Tls!.WarnDays, StringComparer.Ordinal);

    private static async Task<List<ApiTarget>> TargetsAsync(
        IMonitorStore store, DateTimeOffset now, Dictionary<string, int> warnDays, bool includeRetired, CancellationToken cancellationToken)
    {
        var latest = await store.GetLatestAsync(includeRetired, cancellationToken).ConfigureAwait(false);
        var day = await UptimeAsync(store, now.AddDays(-1), now, cancellationToken).ConfigureAwait(false);
        var week = await UptimeAsync(store, now.AddDays(-7), now, cancellationToken).ConfigureAwait(false);
        var month = await UptimeAsync(store, now.AddDays(-30), now, cancellationToken).ConfigureAwait(false);
        return [.. latest.Select(t => new ApiTarget(
            t.Target.ToString(),
            t.Target.Check,
            t.Target.Host,
            t.LastAddress ?? (IPAddress.TryParse(t.Target.Host, out _) ? t.Target.Host : null),
            t.Target.Port == 0 ? null : t.Target.Port,
            t.State.Status switch { TargetHealth.Up => "up", TargetHealth.Down => "down", _ => "unknown" },
            t.State.Since,
            t.State.LastProbeAt,
            t.LastLatency is { } rtt ? Math.Round(rtt.TotalMilliseconds, 3) : null,
            t.LastState is not { } state ? null : t.LastReason is not { } reason ? state.ToWord() : $"{state.ToWord()} ({reason.ToWord()})",
            t.State.LastError,
            t.State.OpenIncidentId,
            day.GetValueOrDefault(t.Target.ToString()),
            week.GetValueOrDefault(t.Target.ToString()),
            month.GetValueOrDefault(t.Target.ToString()),
            t.Active,
            t.Details?.Tls is { } tls
                ? new ApiTls(tls.Protocol, tls.CipherSuite, tls.Subject, tls.NotAfter, DaysLeft(tls.NotAfter, now), tls.Sha256, warnDays.TryGetValue(t.Target.Check, out var warn) ? warn : null)
                : null,
            t.Details?.Http is { } http ? new ApiHttp(http.Url, http.StatusCode, http.Version, http.Server, http.Location, Milliseconds(http.Phases)) : null,
            t.Details?.Answer is { } answer ? new ApiAnswer(answer.Excerpt, answer.Bytes) : null,
            ServiceAnswer.CameFromTheService(t.LastState) ? Answered(t.Details) : null))];
    }

    /// <summary>
    /// What answered, in one line for the status page: the HTTP status line and server (<c>HTTP/1.1 200, nginx</c>), the
    /// TLS version (<c>TLSv1.3</c>), or the line an expect check matched. Null for tcp and icmp checks (and the caller
    /// leaves it out while the last probe did not reach the service).
    /// </summary>
    internal static string? Answered(ProbeDetails? details) => details switch
    {
        { Http: { StatusCode: { } code } http } => string.Create(CultureInfo.InvariantCulture,
            $"{http.Version ?? "HTTP"} {code}{(details.Tls is { } tls ? $" over {tls.Protocol}" : string.Empty)}{(http.Server is { Length: > 0 } server ? ", " + server : string.Empty)}"),
        { Answer.Excerpt: { Length: > 0 } excerpt } => excerpt,
        { Tls: { } session } => session.StartTls is { } upgrade ? $"{session.Protocol} (STARTTLS {upgrade.ToWord()})" : session.Protocol,
        _ => null,
    };

    private static ApiHttpPhases Milliseconds(HttpPhases p) => new(Ms(p.Resolve), Ms(p.Connect), Ms(p.Tls), Ms(p.FirstByte), Ms(p.Total)!.Value);

    private static double? Ms(double? seconds) => seconds is { } s ? Math.Round(s * 1000, 3) : null;

    /// <summary>Whole days from now to the end of validity, as the probe counts them (negative once expired).</summary>
    private static int DaysLeft(DateTimeOffset notAfter, DateTimeOffset now) => (int)Math.Floor((notAfter - now).TotalDays);

    private static async Task<Dictionary<string, double?>> UptimeAsync(IMonitorStore store, DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var rows = await store.GetUptimeAsync(since, until.AddSeconds(1), cancellationToken).ConfigureAwait(false);
        return rows.ToDictionary(r => r.Target.ToString(), r => r.Uptime is { } u ? Math.Round(u, 6) : (double?)null, StringComparer.Ordinal);
    }

    private static Task WriteJsonAsync<T>(HttpContext context, T value, JsonTypeInfo<T> type) =>
        context.Response.WriteAsJsonAsync(value, type, contentType: "application/json; charset=utf-8", context.RequestAborted);
}
