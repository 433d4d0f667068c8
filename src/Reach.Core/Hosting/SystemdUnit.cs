namespace Reach.Hosting;

/// <summary>
/// The systemd unit a reach service prints with <c>--print-unit</c>: Type=notify (the generic host reports READY through
/// Microsoft.Extensions.Hosting.Systemd), restarted on failure, sandboxed. Each service adds its own lines.
/// </summary>
public static class SystemdUnit
{
    /// <param name="description">The unit's Description=.</param>
    /// <param name="execStart">The whole command line (program and arguments, already quoted).</param>
    /// <param name="serviceLines">Extra lines of the [Service] section (comments allowed).</param>
    /// <param name="privateTmp">False to leave out PrivateTmp=true: the service would not see what it needs under
    /// /tmp or /var/tmp (its binary, its configuration), since that setting gives it empty ones of its own.</param>
    public static string Render(string description, string execStart, IEnumerable<string> serviceLines, bool privateTmp = true)
    {
        ArgumentException.ThrowIfNullOrEmpty(description);
        ArgumentException.ThrowIfNullOrEmpty(execStart);
        ArgumentNullException.ThrowIfNull(serviceLines);
        var extra = string.Concat(serviceLines.Select(l => l + "\n"));
        return $"""
            [Unit]
            Description={description}
            Wants=network-online.target
            After=network-online.target

            [Service]
            Type=notify
            ExecStart={execStart}
            {extra}Restart=on-failure
            RestartSec=5s
            NoNewPrivileges=true
            ProtectSystem=strict
            ProtectHome=read-only
            {(privateTmp ? "PrivateTmp=true\n" : string.Empty)}
            [Install]
            WantedBy=multi-user.target

            """;
    }

    /// <summary>An argument as systemd reads it: double quotes around one with spaces.</summary>
    public static string Quote(string argument)
    {
        ArgumentNullException.ThrowIfNull(argument);
        return argument.Contains(' ', StringComparison.Ordinal) ? $"\"{argument}\"" : argument;
    }

    /// <summary>The command that runs this program again: the native binary, or <c>dotnet reach.dll</c>.</summary>
    public static string CurrentCommand()
    {
        var process = ReachExecutable.Path ?? "reach";
        var name = Path.GetFileNameWithoutExtension(process);
        return string.Equals(name, "dotnet", StringComparison.OrdinalIgnoreCase)
            ? $"{process} {Path.Combine(AppContext.BaseDirectory, "reach.dll")}"
            : process;
    }
}
