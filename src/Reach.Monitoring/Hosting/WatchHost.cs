using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Reach.Monitoring.Alerts;
using Reach.Monitoring.Probing;
using Reach.Monitoring.Scheduling;
using Reach.Monitoring.Store;
using Reach.Resolution;

namespace Reach.Monitoring.Hosting;

/// <summary>
/// Builds the generic host of <c>reach watch</c>. The same binary runs in a terminal, under systemd (Type=notify,
/// journal-friendly logs) and as a Windows service: AddSystemd and AddWindowsService switch on only there.
/// </summary>
public static class WatchHost
{
    public static IHost Create(WatchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        // The empty builder reads no appsettings.json nor environment configuration: nothing to bind by reflection.
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = "reach" });
        builder.Services.AddSystemd();
        builder.Services.AddWindowsService(o => o.ServiceName = "reach");
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ssZ ";
            o.ColorBehavior = LoggerColorBehavior.Disabled;
        });
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(15));

        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<IMonitorStore>(_ => new SqliteMonitorStore(options.DataDirectory));
        builder.Services.AddSingleton(_ => new HttpClient { Timeout = AlertChannels.AttemptTimeout });
        builder.Services.AddSingleton(sp =>
        {
            var time = sp.GetRequiredService<TimeProvider>();
            var prober = new NetworkProber(new SystemHostResolver(), time);
            return new WatchEngine(
                sp.GetRequiredService<IMonitorStore>(),
                concurrency => new ProbeScheduler(prober, time, concurrency),
                time,
                sp.GetRequiredService<HttpClient>(),
                sp.GetRequiredService<ILoggerFactory>());
        });
        builder.Services.AddHostedService(sp => new WatchService(
            options,
            sp.GetRequiredService<WatchEngine>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<WatchService>>()));
        return builder.Build();
    }
}
