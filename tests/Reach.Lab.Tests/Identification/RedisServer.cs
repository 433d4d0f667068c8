using System.Diagnostics;
using System.Globalization;

namespace Reach.Lab.Tests.Identification;

/// <summary>
/// Debian's redis-server, started by a test inside its namespace on 127.0.0.1 and a port of its own, in the foreground,
/// with no persistence and its working folder in a temp folder: stopping its process stops it.
/// </summary>
public sealed class RedisServer : IDisposable
{
    private readonly Process _process;
    private readonly DirectoryInfo _folder;

    private RedisServer(Process process, DirectoryInfo folder)
    {
        _process = process;
        _folder = folder;
    }

    /// <summary>Debian's redis-server, or null when it is not installed (test.sh installs redis-server as root).</summary>
    public static string? Binary { get; } = File.Exists("/usr/bin/redis-server") ? "/usr/bin/redis-server" : null;

    public static RedisServer Start(string ip, string namespaceName, int port)
    {
        var folder = Directory.CreateTempSubdirectory("reach-redis-");
        var info = new ProcessStartInfo(ip) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        string[] arguments =
        [
            "netns", "exec", namespaceName, Binary ?? "redis-server",
            "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", string.Empty, "--appendonly", "no",
            "--dir", folder.FullName, "--daemonize", "no", "--protected-mode", "yes",
        ];
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start redis-server");
        process.OutputDataReceived += (_, e) => TestContext.Current.TestOutputHelper?.WriteLine($"redis: {e.Data}");
        process.ErrorDataReceived += (_, e) => TestContext.Current.TestOutputHelper?.WriteLine($"redis: {e.Data}");
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        return new RedisServer(process, folder);
    }

    public void Dispose()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
        _folder.Delete(recursive: true);
    }
}
