using System.Globalization;

namespace Reach.Lab.Tests.Identification;

/// <summary>
/// Debian's OpenLDAP <c>slapd</c> (GnuTLS) in a test's namespace, listening on <c>ldap://127.0.0.1:PORT/</c> only, from
/// a <c>slapd.conf</c> of its own in a temp folder: no database (the root DSE answers, StartTLS is the server's own
/// extended operation), and a certificate and key, or none: then slapd refuses StartTLS. <c>-d stats</c> keeps it in
/// the foreground and has it log its connections and errors to stderr.
/// </summary>
public static class SlapdServer
{
    /// <summary>Debian's slapd, or null when it is not installed (test.sh installs slapd as root, without starting its service).</summary>
    public static string? Binary { get; } = File.Exists("/usr/sbin/slapd") ? "/usr/sbin/slapd" : null;

    /// <param name="tls">The leaf then its intermediate (PEM), as slapd sends them, and its key; null: no TLS configured.</param>
    public static async Task<LabServerProcess> StartAsync(string ip, string namespaceName, int port, (string Chain, string Key)? tls)
    {
        var folder = Directory.CreateTempSubdirectory("reach-slapd-");
        LabServerProcess? server = null;
        try
        {
            var f = folder.FullName;
            var config = Path.Join(f, "slapd.conf");
            var certificate = tls is { } files ? $"TLSCertificateFile {files.Chain}\nTLSCertificateKeyFile {files.Key}\n" : string.Empty;
            await File.WriteAllTextAsync(config, $"pidfile {f}/slapd.pid\nargsfile {f}/slapd.args\n{certificate}");

            var url = $"ldap://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/";
            server = LabServerProcess.Start(ip, namespaceName, "slapd", [Binary ?? "slapd", "-d", "stats", "-f", config, "-h", url], folder);
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
