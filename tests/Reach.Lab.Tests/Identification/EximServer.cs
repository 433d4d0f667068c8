using System.Globalization;
using Reach.Lab.Tests.Lab;

namespace Reach.Lab.Tests.Identification;

/// <summary>
/// Debian's exim4 (exim4-daemon-light, GnuTLS) as a real SMTP server with STARTTLS, in a test's namespace on
/// 127.0.0.1:PORT, from a config of its own in a temp folder: no system config, no queue runner, every recipient
/// refused. Exim drops to Debian-exim with a <c>-C</c> config: its spool and logs live in a subfolder owned by that
/// user, and it reads the certificate files after dropping (they must be world-readable).
/// </summary>
public static class EximServer
{
    /// <summary>Debian's exim binary, or null when it is not installed (test.sh installs exim4-daemon-light as root).</summary>
    public static string? Binary { get; } = File.Exists("/usr/sbin/exim4") ? "/usr/sbin/exim4" : null;

    /// <param name="chain">The leaf then its intermediate (PEM), as exim sends it.</param>
    public static async Task<LabServerProcess> StartAsync(string ip, string namespaceName, int port, string chain, string key)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("a Debian server in a Linux network namespace");
        }

        var folder = Directory.CreateTempSubdirectory("reach-exim-");
        LabServerProcess? server = null;
        try
        {
            // Exim refuses a config that is not root's, or that others may write; the folder must let Debian-exim through.
            folder.UnixFileMode = (UnixFileMode)Convert.ToInt32("755", 8);
            var state = Directory.CreateDirectory(Path.Join(folder.FullName, "var")).FullName;
            await CommandRunner.RunCheckedAsync("chown", "Debian-exim:Debian-exim", state);
            var config = Path.Join(folder.FullName, "exim.conf");
            await File.WriteAllTextAsync(config, $"""
                keep_environment =
                primary_hostname = mail.reach.test
                daemon_smtp_ports = {port.ToString(CultureInfo.InvariantCulture)}
                local_interfaces = 127.0.0.1
                spool_directory = {state}/spool
                log_file_path = {state}/%slog
                pid_file_path = {state}/exim.pid
                tls_advertise_hosts = *
                tls_certificate = {chain}
                tls_privatekey = {key}
                acl_smtp_rcpt = refuse_all
                begin acl
                refuse_all:
                  deny

                """);
            File.SetUnixFileMode(config, (UnixFileMode)Convert.ToInt32("644", 8));

            // -bdf: the listening daemon, in the foreground; no -q: no queue runner.
            server = LabServerProcess.Start(ip, namespaceName, "exim4", [Binary ?? "exim4", "-C", config, "-bdf"], folder);
            await server.WaitForListenersAsync(port);
            return server;
        }
        catch
        {
            if (server is null)
            {
                folder.Delete(recursive: true);
            }

            server?.Dispose();
            throw;
        }
    }
}
