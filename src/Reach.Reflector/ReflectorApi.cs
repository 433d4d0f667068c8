using System.Globalization;
using System.Net;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;
using Prometheus;
using Reach.External;
using Reach.Output;
using Reach.Probes;

namespace Reach.Reflector;

/// <summary>
/// The reflector's endpoints: <c>GET /v1/ip</c>, <c>POST /v1/check</c>, <c>/healthz</c>, <c>/metrics</c>. Every
/// request to /v1 is bound to the caller's own address (<see cref="CallerAddress"/>); nothing in a request can name
/// another. Plain RequestDelegates and source-generated JSON: nothing reflected (NativeAOT).
/// </summary>
internal sealed partial class ReflectorApi(ReflectorOptions options, ClientLimits limits, CallerProber prober, ReflectorMetrics metrics, ILogger logger)
{
    public void Map(WebApplication app)
    {
        app.Map("/v1/ip", context => HandleAsync(context, "ip", HttpMethods.Get, IpAsync));
        app.Map("/v1/check", context => HandleAsync(context, "check", HttpMethods.Post, CheckAsync));
        app.MapGet("/healthz", context =>
        {
            context.Response.ContentType = "text/plain; charset=utf-8";
            return context.Response.WriteAsync("ok\n", context.RequestAborted);
        });
        app.MapGet("/metrics", async context =>
        {
            context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
            await metrics.Registry.CollectAndExportAsTextAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
        });
    }

    private async Task HandleAsync(HttpContext context, string endpoint, string method, Func<HttpContext, IPAddress, Task<int>> handler)
    {
        var status = await GuardAsync(context, method).ConfigureAwait(false) switch
        {
            { } caller => await handler(context, caller).ConfigureAwait(false),
            null => context.Response.StatusCode,
        };
        metrics.Request(endpoint, status);
    }

    /// <summary>The caller's address when the request may go on; otherwise the error is written and null returned.</summary>
    private async Task<IPAddress?> GuardAsync(HttpContext context, string method)
    {
        if (!string.Equals(context.Request.Method, method, StringComparison.OrdinalIgnoreCase))
        {
            context.Response.Headers.Allow = method;
            await ErrorAsync(context, StatusCodes.Status405MethodNotAllowed, $"{context.Request.Path} takes {method}, not {context.Request.Method}").ConfigureAwait(false);
            return null;
        }

        if (context.Request.QueryString.HasValue)
        {
            // Refused rather than ignored, like unknown body fields: ?host=… or ?ip=… must never look accepted.
            var name = context.Request.Query.Keys.FirstOrDefault(k => k.Length > 0) ?? context.Request.QueryString.Value;
            await ErrorAsync(context, StatusCodes.Status400BadRequest,
                $"{context.Request.Path} takes no query parameters, got '{name}' (the reflector answers only about your own address)").ConfigureAwait(false);
            return null;
        }

        var peer = context.Connection.RemoteIpAddress ?? IPAddress.None;
        var caller = CallerAddress.Resolve(peer, context.Request.Headers["X-Forwarded-For"].OfType<string>().ToList(), options.TrustedProxies, out var headerError);
        if (caller is null)
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, headerError!).ConfigureAwait(false);
            return null;
        }

        if (CallerPolicy.Refusal(caller, options.AllowPrivate) is { } refusal)
        {
            await ErrorAsync(context, StatusCodes.Status403Forbidden, refusal).ConfigureAwait(false);
            return null;
        }

        if (limits.TakeRequest(caller) is { } wait)
        {
            metrics.Limited("requests");
            await TooManyAsync(context, wait, $"too many requests from {ClientLimits.Describe(limits.ClientOf(caller))}: at most {options.RequestsPerMinute} per minute").ConfigureAwait(false);
            return null;
        }

        return caller;
    }

    private static async Task<int> IpAsync(HttpContext context, IPAddress caller)
    {
        await WriteAsync(context, StatusCodes.Status200OK, new ReflectorIpWire(caller.ToString()), ReachJsonContext.Wire.ReflectorIpWire).ConfigureAwait(false);
        return StatusCodes.Status200OK;
    }

    private async Task<int> CheckAsync(HttpContext context, IPAddress caller)
    {
        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var type) || !type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return await ErrorAsync(context, StatusCodes.Status415UnsupportedMediaType, "send the body as Content-Type: application/json").ConfigureAwait(false);
        }

        var body = await ReadBodyAsync(context).ConfigureAwait(false);
        if (body is null)
        {
            return await ErrorAsync(context, StatusCodes.Status413PayloadTooLarge, $"the body is larger than {options.MaxBodyBytes} bytes").ConfigureAwait(false);
        }

        if (!CheckRequestReader.TryRead(body, options.MaxPortsPerRequest, out var request, out var error))
        {
            return await ErrorAsync(context, StatusCodes.Status400BadRequest, error!).ConfigureAwait(false);
        }

        if (limits.TakePorts(caller, request!.Ports.Count) is { } wait)
        {
            metrics.Limited("ports");
            return await TooManyAsync(context, wait, $"too many ports probed for {ClientLimits.Describe(limits.ClientOf(caller))}: at most {options.PortsPerMinute} per minute").ConfigureAwait(false);
        }

        var results = await prober.ProbeAsync(caller, request.Ports, context.RequestAborted).ConfigureAwait(false);
        foreach (var result in results)
        {
            metrics.Probed(result.State);
        }

        if (logger.IsEnabled(LogLevel.Information))
        {
            var summary = string.Join(", ", results.Select(r => $"{r.Port} {r.State.ToWord()}"));
            LogChecked(logger, caller, summary);
        }

        await WriteAsync(context, StatusCodes.Status200OK, new ReflectorCheckWire(caller.ToString(), [.. results.Select(r => r.ToWire())]), ReachJsonContext.Wire.ReflectorCheckWire).ConfigureAwait(false);
        return StatusCodes.Status200OK;
    }

    /// <summary>The body, or null when it is over the limit (read no further than one byte past it).</summary>
    private async Task<byte[]?> ReadBodyAsync(HttpContext context)
    {
        if (context.Request.ContentLength > options.MaxBodyBytes)
        {
            return null;
        }

        var buffer = new byte[options.MaxBodyBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await context.Request.Body.ReadAsync(buffer.AsMemory(length), context.RequestAborted).ConfigureAwait(false)) > 0)
        {
            length += read;
        }

        return length > options.MaxBodyBytes ? null : buffer[..length];
    }

    private static async Task<int> TooManyAsync(HttpContext context, TimeSpan wait, string message)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return await ErrorAsync(context, StatusCodes.Status429TooManyRequests, $"{message}; retry in {seconds} s").ConfigureAwait(false);
    }

    private static async Task<int> ErrorAsync(HttpContext context, int status, string message)
    {
        await WriteAsync(context, status, new ReflectorErrorWire(message), ReachJsonContext.Wire.ReflectorErrorWire).ConfigureAwait(false);
        return status;
    }

    private static Task WriteAsync<T>(HttpContext context, int status, T value, JsonTypeInfo<T> type)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(value, type, "application/json; charset=utf-8", context.RequestAborted);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "checked {Caller}: {Results}")]
    private static partial void LogChecked(ILogger logger, IPAddress caller, string results);
}
