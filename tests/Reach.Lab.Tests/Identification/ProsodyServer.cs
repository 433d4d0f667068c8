using System.Globalization;
using Reach.Lab.Tests.Lab;

namespace Reach.Lab.Tests.Identification;

/// <summary>
/// Debian's Prosody (XMPP; Lua, LuaSec/OpenSSL) in a test's namespace on 127.0.0.1, from a config of its own in a temp
/// folder (<c>prosody -F --config FILE</c>, in the foreground, logging to the console), serving one host,
/// <see cref="TestCertificates.ServerName"/>, on a client (c2s) and a server-to-server (s2s) port. Prosody refuses to
/// run as root: it runs as the <c>prosody</c> user, which owns the folder (its data and pid file live there).
/// </summary>
public static class ProsodyServer
{
    /// <summary>Whether Prosody can run here: its launcher and its user (test.sh installs prosody as root, without starting its service).</summary>
    public static bool Available { get; } =
        File.Exists("/usr/bin/prosody") && File.ReadAllLines("/etc/passwd").Any(l => l.StartsWith("prosody:", StringComparison.Ordinal));

    /// <param name="tls">
    /// The leaf then its intermediate (PEM), as Prosody sends them, and its key, with <c>mod_tls</c> loaded; null: no
    /// <c>mod_tls</c> and encryption not required, so the stream features offer SASL and no STARTTLS.
    /// </param>
    public static async Task<LabServerProcess> StartAsync(string ip, string namespaceName, int c2sPort, int s2sPort, (string Chain, string Key)? tls)
    {
        var folder = Directory.CreateTempSubdirectory("reach-prosody-");
        LabServerProcess? server = null;
        try
        {
            var f = folder.FullName;
            var config = Path.Join(f, "prosody.cfg.lua");
            var encryption = tls is { } files
                ? $$"""
                    modules_enabled = { "saslauth", "tls" }
                    ssl = { certificate = "{{files.Chain}}", key = "{{files.Key}}" }
                    """
                : """
                    modules_enabled = { "saslauth" }
                    c2s_require_encryption = false
                    """;
            await File.WriteAllTextAsync(config, $$"""
                pidfile = "{{f}}/prosody.pid"
                data_path = "{{f}}"
                log = { { levels = { min = "info" }, to = "console" } }
                interfaces = { "127.0.0.1" }
                c2s_ports = { {{c2sPort.ToString(CultureInfo.InvariantCulture)}} }
                s2s_ports = { {{s2sPort.ToString(CultureInfo.InvariantCulture)}} }
                c2s_direct_tls_ports = { }
                s2s_direct_tls_ports = { }
                {{encryption}}
                VirtualHost "{{TestCertificates.ServerName}}"

                """);
            await CommandRunner.RunCheckedAsync("chown", "-R", "prosody:prosody", f);

            server = LabServerProcess.Start(ip, namespaceName, "prosody", ["runuser", "-u", "prosody", "--", "prosody", "-F", "--config", config], folder);
            await server.WaitForListenersAsync(c2sPort, s2sPort);
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
