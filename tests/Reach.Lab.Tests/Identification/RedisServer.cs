using System.Globalization;

namespace Reach.Lab.Tests.Identification;

/// <summary>
/// Debian's redis-server, started by a test inside its namespace on 127.0.0.1 and a port of its own, in the foreground,
/// with no persistence and its working folder in a temp folder: stopping its process stops it.
/// </summary>
public static class RedisServer
{
    /// <summary>Debian's redis-server, or null when it is not installed (test.sh installs redis-server as root).</summary>
    public static string? Binary { get; } = File.Exists("/usr/bin/redis-server") ? "/usr/bin/redis-server" : null;

    public static LabServerProcess Start(string ip, string namespaceName, int port)
    {
        var folder = Directory.CreateTempSubdirectory("reach-redis-");
        string[] command =
        [
            Binary ?? "redis-server",
            "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", string.Empty, "--appendonly", "no",
            "--dir", folder.FullName, "--daemonize", "no", "--protected-mode", "yes",
        ];
        return LabServerProcess.Start(ip, namespaceName, "redis-server", command, folder);
    }
}
