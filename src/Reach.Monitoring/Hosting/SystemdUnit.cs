namespace Reach.Monitoring.Hosting;

/// <summary>The systemd unit <c>reach watch --print-unit</c> prints: Type=notify (the host reports READY), reload by SIGHUP.</summary>
public static class SystemdUnit
{
    /// <param name="command">The program and any leading arguments (<c>/usr/local/bin/reach</c>, or <c>/usr/bin/dotnet /opt/reach/reach.dll</c>).</param>
    /// <param name="configPath">The absolute path of reach.yaml.</param>
    /// <param name="dataDirectory">The data folder, or null for the default (/var/lib/reach, kept by StateDirectory=).</param>
    public static string Render(string command, string configPath, string? dataDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(command);
        ArgumentException.ThrowIfNullOrEmpty(configPath);
        var data = dataDirectory is null ? string.Empty : $" --data {Quote(dataDirectory)}";
        return $"""
            [Unit]
            Description=reach watch: TCP/ICMP monitoring ({configPath})
            Wants=network-online.target
            After=network-online.target

            [Service]
            Type=notify
            ExecStart={command} watch -c {Quote(configPath)}{data}
            ExecReload=/bin/kill -HUP $MAINPID
            Restart=on-failure
            RestartSec=5s
            StateDirectory=reach
            # ICMP checks need a raw socket; TCP checks need nothing.
            AmbientCapabilities=CAP_NET_RAW
            NoNewPrivileges=true
            ProtectSystem=strict
            ProtectHome=read-only
            PrivateTmp=true

            [Install]
            WantedBy=multi-user.target

            """;
    }

    private static string Quote(string path) => path.Contains(' ', StringComparison.Ordinal) ? $"\"{path}\"" : path;
}
