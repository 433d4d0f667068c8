using Microsoft.AspNetCore.Http;
using Reach.Monitoring.Json;

namespace Reach.Monitoring.Http;

/// <summary>
/// The HTTP server listens before the engine has opened its store, and goes on answering while it stops: in those
/// windows every endpoint that reads the store (<c>/api/…</c>, <c>/metrics</c>) answers 503 with a reason and
/// <c>Retry-After</c>, instead of a 500 and a stack trace in the log ("no such table: targets").
/// </summary>
internal static class StoreReadyGate
{
    public static Func<HttpContext, RequestDelegate, Task> Create(Func<bool> storeOpen) => async (context, next) =>
    {
        if (storeOpen() || !ReadsTheStore(context.Request.Path))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = "1";
        await context.Response.WriteAsJsonAsync(
            new ApiError("reach watch is starting or stopping: its history is not open; try again in a moment"),
            WatchJsonContext.Default.ApiError,
            contentType: "application/json; charset=utf-8",
            context.RequestAborted).ConfigureAwait(false);
    };

    private static bool ReadsTheStore(PathString path) => path.StartsWithSegments("/api", StringComparison.Ordinal) || path.StartsWithSegments("/metrics", StringComparison.Ordinal);
}
