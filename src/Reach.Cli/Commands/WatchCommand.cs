using System.CommandLine;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Reach.Cli.Infrastructure;
using Reach.Monitoring.Config;
using Reach.Monitoring.Expansion;
using Reach.Monitoring.Hosting;
using Reach.Monitoring.Store;
using Reach.Hosting;

namespace Reach.Cli.Commands;

/// <summary><c>reach watch -c reach.yaml</c>: the monitoring service, in the foreground or under a service manager.</summary>
internal static class WatchCommand
{
    /// <summary>The command's help text, also listed by the quick image, which does not hold the command (FullImage).</summary>
    public const string Description = """
        Monitor TCP ports and hosts continuously: probes every target on a schedule, turns it DOWN after
        consecutive failures and UP after successes, keeps history and incidents, and sends alerts (webhook,
        email, command). Runs in the foreground; the same binary runs as a systemd or Windows service.
        Reloads its configuration on change or SIGHUP. Check types: tcp (connect), icmp (echo), tls
        (handshake, certificate days left), http (status, body, response time), expect (send a string,
        expect an answer); see docs/watch.md.

        Examples:
          reach watch -c reach.yaml
          reach watch -c reach.yaml --check-config
          REACH_TOKEN=secret reach watch -c reach.yaml --listen 0.0.0.0:9105
          reach watch -c /etc/reach/reach.yaml --print-unit > /etc/systemd/system/reach.service
        The token comes from --token or else from the REACH_TOKEN environment variable; the unit that
        --print-unit writes reads REACH_TOKEN from /etc/reach/reach.env and never contains the token.
        """;

    private const string DefaultConfig = "/etc/reach/reach.yaml";

    public static Command Create(CliConsole console)
    {
        var config = new Option<string?>("--config", "-c") { Description = $"The configuration file (docs/watch.md); default {DefaultConfig}" };
        var data = new Option<string?>("--data") { Description = "Folder for the history database (default /var/lib/reach as root, else ~/.local/share/reach)" };
        var store = new Option<string?>("--store") { Description = "Where to keep history: sqlite (default, in --data) or postgres://user:password@host:port/database?sslmode=require, shared by several agents (default: $REACH_STORE)" };
        var agent = new Option<string?>("--agent") { Description = "This agent's name in a shared postgres store (default: the host name)" };
        var checkConfig = new Option<bool>("--check-config") { Description = "Validate the configuration and exit: 0 valid, 2 not (the error names file, line and key)" };
        var listen = new Option<string>("--listen")
        {
            Description = "Where the HTTP API, /metrics and /healthz listen: ADDR:PORT, or none (default 127.0.0.1:9105)",
            DefaultValueFactory = _ => ListenAddress.Format(WatchOptions.DefaultListen),
        };
        var token = new Option<string?>("--token") { Description = $"Bearer token required on every request but /healthz; required when --listen is not a loopback address (default: ${WatchUnit.TokenVariable})" };
        var printUnit = new Option<bool>("--print-unit") { Description = "Print a systemd unit that runs this binary with this configuration, and exit" };

        var command = new Command("watch", Description)
        {
            config, data, store, agent, listen, token, checkConfig, printUnit,
        };

        command.SetAction(async (result, cancellationToken) =>
        {
            var configPath = Path.GetFullPath(result.GetValue(config) ?? DefaultConfig);
            var dataDirectory = result.GetValue(data) is { } d ? Path.GetFullPath(d) : null;
            var storeSpec = StoreOption.Resolve(result.GetValue(store));

            var agentName = result.GetValue(agent);
            if (MonitorStores.ValidateAgent(agentName) is { } agentError)
            {
                throw new UsageException(agentError);
            }

            IPEndPoint? endpoint;
            try
            {
                endpoint = ListenAddress.Parse(result.GetValue(listen) ?? "none");
            }
            catch (FormatException ex)
            {
                throw new UsageException(ex.Message);
            }

            var bearer = result.GetValue(token) ?? (Environment.GetEnvironmentVariable(WatchUnit.TokenVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : null);
            if (ListenAddress.Validate(endpoint, bearer) is { } listenError)
            {
                throw new UsageException(listenError);
            }

            if (result.GetValue(printUnit))
            {
                var command = SystemdUnit.CurrentCommand();
                var targetFiles = TryLoad(configPath, cancellationToken)?.TargetFiles ?? [];
                await console.Out.WriteAsync(WatchUnit.Render(command, configPath, dataDirectory, endpoint is null ? "none" : ListenAddress.Format(endpoint), agentName, targetFiles)).ConfigureAwait(false);
                if (WatchUnit.HiddenByPrivateTmp(command, configPath, dataDirectory, targetFiles) is { } hidden)
                {
                    await console.Error.WriteLineAsync(
                        $"reach: {hidden} is under a temporary folder: the unit leaves out PrivateTmp=true, which would hide it from the service (install reach and its files elsewhere to keep it)").ConfigureAwait(false);
                }

                if (storeSpec.IsPostgres && result.GetValue(store) is not null)
                {
                    await console.Error.WriteLineAsync(
                        $"reach: the unit leaves out --store (it may hold a password): put {WatchUnit.StoreVariable}=<the postgres:// URI> in {WatchUnit.EnvironmentFile} (chmod 600)").ConfigureAwait(false);
                }

                return ExitCodes.Success;
            }

            var loaded = Load(configPath, cancellationToken);
            if (result.GetValue(checkConfig))
            {
                var targets = TargetExpander.Expand(loaded).Count;
                await console.Out.WriteLineAsync(
                    $"{configPath}: valid: {ConfigSummary.Describe(loaded.Checks.Count, targets, loaded.Alerts.Count)}").ConfigureAwait(false);
                return ExitCodes.Success;
            }

            if (await MonitorStores.CheckReachableAsync(storeSpec, agentName, cancellationToken).ConfigureAwait(false) is { } unreachable)
            {
                await console.Error.WriteLineAsync($"reach: cannot use the store {storeSpec.Display}: {unreachable}").ConfigureAwait(false);
                return ExitCodes.Unavailable;
            }

            if (endpoint is not null && ListenAddress.BindError(endpoint) is { } bindError)
            {
                await console.Error.WriteLineAsync(
                    $"reach: cannot listen on {ListenAddress.Format(endpoint)}: {bindError} (--listen ADDR:PORT to change, --listen none to run without the HTTP server)").ConfigureAwait(false);
                return ExitCodes.Unavailable;
            }

            using var host = WatchHost.Create(new WatchOptions(configPath, dataDirectory ?? DataDirectories.Default(), endpoint, bearer, storeSpec, agentName));
            var started = false;
            using var onStarted = host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStarted.Register(() => started = true);
            try
            {
                await host.RunAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (endpoint is not null && ListenFailure.Reason(ex, started) is { } reason)
            {
                await console.Error.WriteLineAsync(
                    $"reach: cannot listen on {ListenAddress.Format(endpoint)}: {reason} (--listen ADDR:PORT to change, --listen none to run without the HTTP server)").ConfigureAwait(false);
                return ExitCodes.Unavailable;
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The configuration when it loads (--print-unit looks for its targets files), else null: a unit may be printed before the file is right.</summary>
    private static WatchConfig? TryLoad(string path, CancellationToken cancellationToken)
    {
        try
        {
            return WatchConfigLoader.Load(path, cancellationToken);
        }
        catch (ConfigException)
        {
            return null;
        }
    }

    private static WatchConfig Load(string path, CancellationToken cancellationToken)
    {
        try
        {
            return WatchConfigLoader.Load(path, cancellationToken);
        }
        catch (ConfigException ex)
        {
            throw new UsageException(ex.Message);
        }
    }
}
