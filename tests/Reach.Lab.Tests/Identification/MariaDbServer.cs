using System.Globalization;

namespace Reach.Lab.Tests.Identification;

/// <summary>
/// Debian's MariaDB server (<c>mariadbd</c>, OpenSSL) as an instance of its own in a test's namespace on
/// 127.0.0.1:PORT, in the foreground (<c>--no-defaults</c>: no system config; data folder, socket, pid file and temp
/// folder in a temp folder; small InnoDB buffers), with <c>--ssl-cert/--ssl-key</c>, or <c>--skip-ssl</c>.
/// <para>
/// The data folder starts empty and the server runs with <c>--skip-grant-tables</c>: it creates its tablespaces and
/// listens in about a second. <c>mariadb-install-db</c> would take about 5 s here and, as root, re-chown and
/// re-chmod the system's <c>auth_pam_tool</c>; the greeting, whose capability flags offer SSL, and the TLS handshake
/// that follows come before any login, so the grant tables play no part in what the tests look at.
/// </para>
/// </summary>
public static class MariaDbServer
{
    /// <summary>Debian's mariadbd, or null when it is not installed (test.sh installs mariadb-server as root, without starting its service).</summary>
    public static string? Binary { get; } = File.Exists("/usr/sbin/mariadbd") ? "/usr/sbin/mariadbd" : null;

    /// <param name="tls">The leaf then its intermediate (PEM), as MariaDB sends them, and its key; null: <c>--skip-ssl</c>.</param>
    public static async Task<LabServerProcess> StartAsync(string ip, string namespaceName, int port, (string Chain, string Key)? tls)
    {
        var folder = Directory.CreateTempSubdirectory("reach-mariadb-");
        LabServerProcess? server = null;
        try
        {
            var f = folder.FullName;
            Directory.CreateDirectory(Path.Join(f, "data"));
            string[] ssl = tls is { } files ? [$"--ssl-cert={files.Chain}", $"--ssl-key={files.Key}"] : ["--skip-ssl"];
            string[] command =
            [
                Binary ?? "mariadbd", "--no-defaults", "--user=root", $"--datadir={f}/data", $"--socket={f}/mariadbd.sock",
                $"--pid-file={f}/mariadbd.pid", $"--tmpdir={f}", $"--port={port.ToString(CultureInfo.InvariantCulture)}",
                "--bind-address=127.0.0.1", "--skip-grant-tables", "--skip-name-resolve",
                "--innodb-buffer-pool-size=8M", "--innodb-log-file-size=4M", .. ssl,
            ];

            server = LabServerProcess.Start(ip, namespaceName, "mariadbd", command, folder);
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
