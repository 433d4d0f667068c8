namespace Reach.Lab.Tests.Lab;

/// <summary>Finds the system commands the lab needs (ip, iptables, ip6tables, ping), also in sbin folders.</summary>
public static class LabTools
{
    private static readonly string[] ExtraFolders = ["/usr/local/sbin", "/usr/sbin", "/sbin", "/usr/bin", "/bin"];

    /// <summary>The absolute path of the command, or null when it is nowhere on PATH nor in the sbin folders.</summary>
    public static string? Find(string command)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(ExtraFolders)
            .Select(folder => Path.Combine(folder, command))
            .FirstOrDefault(File.Exists);
    }
}
