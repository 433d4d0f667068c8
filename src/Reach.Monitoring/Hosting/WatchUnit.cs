using Reach.Hosting;

namespace Reach.Monitoring.Hosting;

/// <summary>The systemd unit <c>reach watch --print-unit</c> prints: reload by SIGHUP, history in /var/lib/reach.</summary>
public static class WatchUnit
{
    /// <param name="command">The program and any leading arguments (<c>/usr/local/bin/reach</c>, or <c>/usr/bin/dotnet /opt/reach/reach.dll</c>).</param>
    /// <param name="configPath">The absolute path of reach.yaml.</param>
    /// <param name="dataDirectory">The data folder, or null for the default (/var/lib/reach, kept by StateDirectory=).</param>
    public static string Render(string command, string configPath, string? dataDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(command);
        ArgumentException.ThrowIfNullOrEmpty(configPath);
        var data = dataDirectory is null ? string.Empty : $" --data {SystemdUnit.Quote(dataDirectory)}";
        return SystemdUnit.Render(
            $"reach watch: TCP/ICMP monitoring ({configPath})",
            $"{command} watch -c {SystemdUnit.Quote(configPath)}{data}",
            [
                "ExecReload=/bin/kill -HUP $MAINPID",
                "StateDirectory=reach",
                "# ICMP checks need a raw socket; TCP checks need nothing.",
                "AmbientCapabilities=CAP_NET_RAW",
            ]);
    }
}
