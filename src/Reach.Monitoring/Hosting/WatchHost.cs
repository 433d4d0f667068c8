using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Reach.Hosting;
using Reach.Monitoring.Alerts;
using Reach.Monitoring.Http;
using Reach.Monitoring.Probing;
using Reach.Monitoring.Scheduling;
using Reach.Monitoring.Store;
using Reach.Resolution;

namespace Reach.Monitoring.Hosting;

/// <summary>
/// Builds the generic host of <c>reach watch</c>. The same binary runs in a terminal, under systemd (Type=notify,
/// journal-friendly logs) and as a Windows service: AddSystemd and AddWindowsService switch on only there.
/// </summary>
internal static class WatchHost
{
    public static IHost Create(WatchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Listen is null)
        {
            // The empty builder reads no appsettings.json nor environment configuration: nothing to bind by reflection.
            var plain = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = "reach" });
            AddWatch(plain.Services, plain.Logging, options);
            return plain.Build();
        }

        // Kestrel with the same emptiness: no appsettings.json, no ASPNETCORE_URLS, only the endpoint given here,
        // and no reflection (routing core, handlers are plain RequestDelegates), so it runs under NativeAOT.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = "reach" });
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Listen(options.Listen);
        });
        builder.Services.AddRoutingCore();
        AddWatch(builder.Services, builder.Logging, options);
        var app = builder.Build();
        var engine = app.Services.GetRequiredService<WatchEngine>();
        var metrics = new WatchMetrics(engine.Store, app.Services.GetRequiredService<SchedulerMetrics>(), () => engine.Alerts.Delivered, () => engine.Alerts.Failures);
        StatusApi.Map(app, engine, metrics, options.Token);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Reach.Monitoring.Http.StatusApi");
        var endpoint = ListenAddress.Format(options.Listen);
        var auth = options.Token is null ? string.Empty : ", bearer token required";
        app.Lifetime.ApplicationStarted.Register(() => HttpLog.Listening(logger, endpoint, auth));
        return app;
    }

    private static void AddWatch(IServiceCollection services, ILoggingBuilder logging, WatchOptions options)
    {
        services.AddSystemd();
        services.AddWindowsService(o => o.ServiceName = "reach");
        logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ssZ ";
            o.ColorBehavior = LoggerColorBehavior.Disabled;
        });
        logging.SetMinimumLevel(LogLevel.Information);
        logging.AddFilter("Microsoft", LogLevel.Warning);
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(15));

        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_ => MonitorStores.Open(options.Store ?? StoreSpec.Sqlite, options.DataDirectory, options.Agent));
        services.AddSingleton(_ => new HttpClient { Timeout = AlertChannels.AttemptTimeout });
        services.AddSingleton<SchedulerMetrics>();
        services.AddSingleton(sp => new AlertDispatcher(
            sp.GetRequiredService<IMonitorStore>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<AlertDispatcher>>()));
        services.AddSingleton(sp =>
        {
            var time = sp.GetRequiredService<TimeProvider>();
            var prober = new NetworkProber(new SystemHostResolver(), time);
            var metrics = sp.GetRequiredService<SchedulerMetrics>();
            var schedulerLog = sp.GetRequiredService<ILoggerFactory>().CreateLogger<ProbeScheduler>();
            var http = sp.GetRequiredService<HttpClient>();
            return new WatchEngine(
                sp.GetRequiredService<IMonitorStore>(),
                concurrency => new ProbeScheduler(prober, time, concurrency, metrics, schedulerLog),
                sp.GetRequiredService<AlertDispatcher>(),
                configs => AlertChannels.Create(configs, http),
                time,
                sp.GetRequiredService<ILogger<WatchEngine>>());
        });
        services.AddHostedService(sp => new WatchService(
            options,
            sp.GetRequiredService<WatchEngine>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IHostApplicationLifetime>(),
            sp.GetRequiredService<ILogger<WatchService>>()));
    }
}
