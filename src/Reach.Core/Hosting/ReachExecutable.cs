namespace Reach.Hosting;

/// <summary>The path users run reach by, for what names it (a systemd unit's ExecStart).</summary>
public static class ReachExecutable
{
    private static readonly Lazy<bool> FromMemory = new(ReadFromMemory);

    /// <summary>
    /// Whether this process is the full image that the Linux reach runs from a memory file (/memfd:reach,
    /// Reach.Cli's FullImage). The runtime then knows no executable path (Environment.ProcessPath is null).
    /// </summary>
    public static bool RunsFromMemory => FromMemory.Value;

    /// <summary>
    /// The process's executable; for the full image, the binary's path, which the reach that started it passed
    /// as argv[0].
    /// </summary>
    public static string? Path => RunsFromMemory ? Launcher(Environment.GetCommandLineArgs()) : Environment.ProcessPath;

    private static string? Launcher(string[] argv) => argv.Length > 0 && System.IO.Path.IsPathFullyQualified(argv[0]) ? argv[0] : null;

    private static bool ReadFromMemory()
    {
        if (Environment.ProcessPath is not null)
        {
            return false; // the runtime found the binary: a file
        }

        try
        {
            return new FileInfo("/proc/self/exe").LinkTarget?.StartsWith("/memfd:", StringComparison.Ordinal) == true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false; // no /proc/self/exe: not Linux
        }
    }
}
