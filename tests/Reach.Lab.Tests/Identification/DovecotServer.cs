using System.Globalization;

namespace Reach.Lab.Tests.Identification;

/// <summary>
/// Debian's dovecot (dovecot-imapd, dovecot-pop3d; OpenSSL) in a test's namespace on 127.0.0.1, from a config of its
/// own in a temp folder (<c>dovecot -F -c FILE</c>, in the foreground; its runtime and state folders in the temp
/// folder too): IMAP and POP3 with STARTTLS, and imaps and pop3s (TLS from the first byte), one certificate for all.
/// </summary>
public static class DovecotServer
{
    /// <summary>Debian's dovecot binary, or null when it is not installed (test.sh installs dovecot-imapd and dovecot-pop3d as root).</summary>
    public static string? Binary { get; } =
        File.Exists("/usr/sbin/dovecot") && File.Exists("/usr/lib/dovecot/imap-login") && File.Exists("/usr/lib/dovecot/pop3-login") ? "/usr/sbin/dovecot" : null;

    /// <summary>The ports of one dovecot: each protocol's plain (STARTTLS) listeners and its implicit-TLS one.</summary>
    public sealed record Ports(IReadOnlyList<int> Imap, int Imaps, IReadOnlyList<int> Pop3, int Pop3s)
    {
        public IEnumerable<int> All => [.. Imap, Imaps, .. Pop3, Pop3s];
    }

    /// <param name="chain">The leaf then its intermediate (PEM), as dovecot sends it.</param>
    public static async Task<LabServerProcess> StartAsync(string ip, string namespaceName, Ports ports, string chain, string key)
    {
        ArgumentNullException.ThrowIfNull(ports);
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("a Debian server in a Linux network namespace");
        }

        var folder = Directory.CreateTempSubdirectory("reach-dovecot-");
        LabServerProcess? server = null;
        try
        {
            // Its login processes run as dovenull and must reach their sockets under base_dir.
            folder.UnixFileMode = (UnixFileMode)Convert.ToInt32("755", 8);
            var f = folder.FullName;
            var config = Path.Join(f, "dovecot.conf");
            await File.WriteAllTextAsync(config, $$"""
                base_dir = {{f}}/run
                state_dir = {{f}}/state
                log_path = /dev/stderr
                protocols = imap pop3
                listen = 127.0.0.1
                ssl = yes
                ssl_cert = <{{chain}}
                ssl_key = <{{key}}
                auth_mechanisms = plain
                passdb {
                  driver = static
                  args = nopassword=y
                }
                userdb {
                  driver = static
                  args = uid=nobody gid=nogroup home=/nonexistent
                }
                service imap-login {
                {{Listeners("imap", ports.Imap, ports.Imaps)}}
                }
                service pop3-login {
                {{Listeners("pop3", ports.Pop3, ports.Pop3s)}}
                }

                """);

            server = LabServerProcess.Start(ip, namespaceName, "dovecot", [Binary ?? "dovecot", "-F", "-c", config], folder);
            await server.WaitForListenersAsync([.. ports.All]);
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

    /// <summary>
    /// dovecot has built-in listeners named <c>imap</c>, <c>imaps</c>, <c>pop3</c>, <c>pop3s</c> on the well-known
    /// ports: the first plain listener and the implicit-TLS one take those names (replacing them), the others their own.
    /// </summary>
    private static string Listeners(string protocol, IReadOnlyList<int> plain, int implicitTls) =>
        string.Join('\n', plain.Select((port, i) => $"  inet_listener {protocol}{(i == 0 ? string.Empty : $"_{port.ToString(CultureInfo.InvariantCulture)}")} {{\n    port = {port.ToString(CultureInfo.InvariantCulture)}\n  }}")
            .Append($"  inet_listener {protocol}s {{\n    port = {implicitTls.ToString(CultureInfo.InvariantCulture)}\n    ssl = yes\n  }}"));
}
