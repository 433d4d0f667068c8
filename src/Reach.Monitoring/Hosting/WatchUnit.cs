using Reach.Hosting;

namespace Reach.Monitoring.Hosting;

/// <summary>The systemd unit <c>reach watch --print-unit</c> prints: reload by SIGHUP, history in /var/lib/reach.</summary>
internal static class WatchUnit
{
    /// <summary>Where the unit reads REACH_TOKEN (and any other environment) from.</summary>
    public const string EnvironmentFile = "/etc/reach/reach.env";

    /// <summary>The environment variable <c>reach watch</c> takes its token from when <c>--token</c> is not given.</summary>
    public const string TokenVariable = "REACH_TOKEN";

    /// <summary>The environment variable <c>reach watch</c> and <c>reach report</c> take the store from when <c>--store</c> is not given.</summary>
    public const string StoreVariable = "REACH_STORE";

    private static readonly string[] TemporaryFolders = ["/tmp", "/var/tmp"];

    /// <param name="command">The program and any leading arguments (<c>/usr/local/bin/reach</c>, or <c>/usr/bin/dotnet /opt/reach/reach.dll</c>).</param>
    /// <param name="configPath">The absolute path of reach.yaml.</param>
    /// <param name="dataDirectory">The data folder, or null for the default (/var/lib/reach, kept by StateDirectory=).</param>
    /// <param name="listen">The <c>--listen</c> value (<c>0.0.0.0:9105</c>, <c>none</c>), or null to leave the default.</param>
    /// <param name="agent">The <c>--agent</c> name for a shared store, or null for the default (the host name).</param>
    /// <remarks>
    /// Secrets never go into the unit (units are world-readable, and <c>systemctl show</c> prints ExecStart): reach
    /// reads the token from REACH_TOKEN and a postgres:// store (its password) from REACH_STORE, which the unit loads
    /// from <see cref="EnvironmentFile"/> when that exists.
    /// </remarks>
    /// <param name="files">Other files the service reads (the targets files of the configuration), when known.</param>
    public static string Render(string command, string configPath, string? dataDirectory, string? listen = null, string? agent = null, IEnumerable<string>? files = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(command);
        ArgumentException.ThrowIfNullOrEmpty(configPath);
        var data = dataDirectory is null ? string.Empty : $" --data {SystemdUnit.Quote(dataDirectory)}";
        var address = listen is null ? string.Empty : $" --listen {SystemdUnit.Quote(listen)}";
        var name = agent is null ? string.Empty : $" --agent {SystemdUnit.Quote(agent)}";
        List<string> lines =
        [
            "# Secrets go in this file (chmod 600), never in the unit; '-': optional. REACH_TOKEN=… is the bearer token of",
            "# the HTTP API; REACH_STORE=postgres://user:password@host/db keeps history in a shared PostgreSQL store.",
            $"EnvironmentFile=-{EnvironmentFile}",
            "ExecReload=/bin/kill -HUP $MAINPID",
            "StateDirectory=reach",
            "# ICMP checks need a raw socket; TCP checks need nothing.",
            "AmbientCapabilities=CAP_NET_RAW",
        ];
        if (dataDirectory is not null)
        {
            // ProtectSystem=strict makes every other folder read-only to the service: the history must stay writable.
            lines.Add($"ReadWritePaths={SystemdUnit.Quote(dataDirectory)}");
        }

        var hidden = HiddenByPrivateTmp(command, configPath, dataDirectory, files);
        if (hidden is not null)
        {
            lines.Add($"# PrivateTmp= is left out: it would hide {hidden} from the service (move reach and its files out of /tmp to have it).");
        }

        return SystemdUnit.Render(
            $"reach watch: TCP/ICMP monitoring ({configPath})",
            $"{command} watch -c {SystemdUnit.Quote(configPath)}{data}{address}{name}",
            lines,
            privateTmp: hidden is null);
    }

    /// <summary>The first path the service needs that lies under /tmp or /var/tmp, which PrivateTmp=true replaces with
    /// empty folders of the service's own (the binary, the configuration, the data, a targets file); null when none does.</summary>
    public static string? HiddenByPrivateTmp(string command, string configPath, string? dataDirectory, IEnumerable<string>? files)
    {
        ArgumentNullException.ThrowIfNull(command);
        IEnumerable<string> paths = [.. command.Split(' '), configPath, .. dataDirectory is null ? [] : new[] { dataDirectory }, .. files ?? []];
        return paths.FirstOrDefault(p => TemporaryFolders.Any(t =>
            p.Equals(t, StringComparison.Ordinal) || p.StartsWith(t + "/", StringComparison.Ordinal)));
    }
}
