using System.Diagnostics;
using System.Globalization;
using Reach.Lab.Tests.Lab;

namespace Reach.Lab.Tests.Identification;

/// <summary>
/// Debian's OpenSSH server, started by a test inside its namespace on a port of its own, with a host key made for the
/// test in a temp folder: no system key, no system config, no PAM. It stays in the foreground (<c>-D</c>), so
/// stopping its process stops it.
/// </summary>
public sealed class SshServer : IDisposable
{
    private readonly Process _process;
    private readonly DirectoryInfo _folder;

    private SshServer(Process process, DirectoryInfo folder)
    {
        _process = process;
        _folder = folder;
    }

    /// <summary>Debian's sshd, or null when it is not installed (test.sh installs openssh-server as root).</summary>
    public static string? Binary { get; } = File.Exists("/usr/sbin/sshd") ? "/usr/sbin/sshd" : null;

    /// <summary>Starts sshd on 127.0.0.1:<paramref name="port"/> in <paramref name="namespaceName"/>.</summary>
    public static async Task<SshServer> StartAsync(string ip, string namespaceName, int port)
    {
        var folder = Directory.CreateTempSubdirectory("reach-sshd-");
        var key = Path.Join(folder.FullName, "host_ed25519");
        var keygen = await CommandRunner.RunAsync("ssh-keygen", ["-q", "-t", "ed25519", "-N", string.Empty, "-f", key], TimeSpan.FromSeconds(30));
        if (keygen.ExitCode != 0)
        {
            throw new InvalidOperationException($"ssh-keygen failed:\n{keygen.Describe()}");
        }

        var config = Path.Join(folder.FullName, "sshd_config");
        await File.WriteAllTextAsync(config, $"""
            HostKey {key}
            ListenAddress 127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}
            PidFile none
            UsePAM no
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            """);
        Directory.CreateDirectory("/run/sshd"); // its privilege separation directory (what Debian's unit creates)

        var info = new ProcessStartInfo(ip) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in (string[])["netns", "exec", namespaceName, Binary ?? "sshd", "-D", "-e", "-f", config])
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start sshd");
        process.ErrorDataReceived += (_, e) => TestContext.Current.TestOutputHelper?.WriteLine($"sshd: {e.Data}");
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        return new SshServer(process, folder);
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
