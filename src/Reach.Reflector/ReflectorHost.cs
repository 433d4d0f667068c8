using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Reach.Hosting;

namespace Reach.Reflector;

/// <summary>
/// Builds the <c>reach serve</c> host: Kestrel on the one endpoint given (no appsettings.json, no ASPNETCORE_URLS),
/// routing core only, plain request delegates (NativeAOT), systemd notify and Windows service support.
/// </summary>
internal static class ReflectorHost
{
    public static WebApplication Create(ReflectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = "reach" });
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            // The API reads at most one byte past its own limit and answers 413 in JSON. Kestrel counts whole chunks it
            // has buffered, so its limit sits above (a chunked body too large would otherwise get Kestrel's empty 413).
            k.Limits.MaxRequestBodySize = Math.Max(64 * 1024, options.MaxBodyBytes + 1);
            k.Listen(options.Listen);
        });
        builder.Services.AddRoutingCore();
        builder.Services.AddSystemd();
        builder.Services.AddWindowsService(o => o.ServiceName = "reach-serve");
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ssZ ";
            o.ColorBehavior = LoggerColorBehavior.Disabled;
        });
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);

        // A failed bind is logged by the host with a stack trace; reach serve says it in one line instead.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);

        var app = builder.Build();
        var limits = new ClientLimits(options.RequestsPerMinute, options.PortsPerMinute, options.IPv6Prefix);
        var prober = new CallerProber(options.ProbeTimeout, options.MaxConcurrentProbes);
        app.Lifetime.ApplicationStopped.Register(() =>
        {
            limits.Dispose();
            prober.Dispose();
        });
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Reach.Reflector");
        new ReflectorApi(options, limits, prober, new ReflectorMetrics(), logger).Map(app);
        var listen = ListenAddress.Format(options.Listen);
        var note = options.AllowPrivate ? " (private callers allowed)" : string.Empty;
        app.Lifetime.ApplicationStarted.Register(() => ReflectorLog.Listening(logger, listen, note));
        return app;
    }
}

internal static partial class ReflectorLog
{
    [LoggerMessage(EventId = 0, Level = LogLevel.Information, Message = "reflector on http://{Endpoint}/ (GET /v1/ip, POST /v1/check, /metrics, /healthz){Note}")]
    public static partial void Listening(ILogger logger, string endpoint, string note);
}
