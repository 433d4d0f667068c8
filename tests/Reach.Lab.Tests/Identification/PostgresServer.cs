using System.Globalization;
using Reach.Lab.Tests.Lab;

namespace Reach.Lab.Tests.Identification;

/// <summary>
/// Debian's PostgreSQL, started by a test inside its namespace: initdb into a temp folder as the <c>postgres</c> OS user
/// (postgres refuses root), listening only on 127.0.0.1:PORT of that namespace and on a unix socket in the folder, with
/// <c>ssl = on</c> and a certificate openssl issues from a CA made in the folder, or <c>ssl = off</c>. pg_ctl starts
/// it inside the namespace and stops it (immediate) on dispose; the folder goes with it.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    /// <summary>The server certificate's name besides 127.0.0.1 (a reserved name: RFC 2606).</summary>
    public const string Name = "db.reach.test";

    private readonly string _folder;

    private PostgresServer(string folder) => _folder = folder;

    /// <summary>The newest installed server's bin folder (<c>/usr/lib/postgresql/15/bin</c>), or null when there is none.</summary>
    public static string? Bin { get; } = Directory.Exists("/usr/lib/postgresql")
        ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Join(d, "bin")).Where(b => File.Exists(Path.Join(b, "initdb"))).Order(StringComparer.Ordinal).LastOrDefault()
        : null;

    /// <summary>Whether the server can run here: its binaries, and a postgres user to run them as.</summary>
    public static bool Available => Bin is not null && File.ReadAllLines("/etc/passwd").Any(l => l.StartsWith("postgres:", StringComparison.Ordinal));

    /// <summary>The private CA that issued the server's certificate (PEM; with TLS only).</summary>
    public string CaFile => Path.Join(_folder, "ca.pem");

    /// <summary>The server's certificate (PEM; with TLS only).</summary>
    public string CertificateFile => Path.Join(_folder, "server.pem");

    /// <summary>
    /// Starts a server in <paramref name="namespaceName"/> on 127.0.0.1:<paramref name="port"/>; with
    /// <paramref name="tls"/>, <c>ssl = on</c> with a certificate for <see cref="Name"/> and 127.0.0.1 that openssl
    /// issues from a CA made here, else <c>ssl = off</c>.
    /// </summary>
    public static async Task<PostgresServer> StartAsync(string ip, string namespaceName, int port, bool tls)
    {
        var server = new PostgresServer(Directory.CreateTempSubdirectory("reach-pg-lab-").FullName);
        try
        {
            await server.RunAsync(ip, namespaceName, port, tls);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        var data = Path.Join(_folder, "data");
        if (File.Exists(Path.Join(data, "postmaster.pid")))
        {
            await CommandRunner.RunAsync("runuser", ["-u", "postgres", "--", Path.Join(Bin, "pg_ctl"), "-D", data, "-m", "immediate", "-w", "stop"], TimeSpan.FromSeconds(30));
        }

        Directory.Delete(_folder, recursive: true);
    }

    private async Task RunAsync(string ip, string namespaceName, int port, bool tls)
    {
        var ssl = "-c ssl=off";
        if (tls)
        {
            await MakeCertificatesAsync();
            ssl = $"-c ssl=on -c ssl_cert_file={CertificateFile} -c ssl_key_file={Path.Join(_folder, "server.key")}";
        }

        // The key must be the server user's own and private, or postgres refuses to start.
        await CommandRunner.RunCheckedAsync("chown", "-R", "postgres:postgres", _folder);
        if (tls)
        {
            await CommandRunner.RunCheckedAsync("chmod", "600", Path.Join(_folder, "server.key"));
        }

        var data = Path.Join(_folder, "data");
        await AsPostgresAsync([Path.Join(Bin, "initdb"), "-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
        var options = $"-c listen_addresses=127.0.0.1 -p {port.ToString(CultureInfo.InvariantCulture)} -c unix_socket_directories={_folder} -c fsync=off {ssl}";
        var start = await CommandRunner.RunAsync(
            ip,
            ["netns", "exec", namespaceName, "runuser", "-u", "postgres", "--", Path.Join(Bin, "pg_ctl"), "-D", data, "-l", Path.Join(_folder, "server.log"), "-w", "-t", "60", "-o", options, "start"],
            TimeSpan.FromSeconds(90));
        if (start.ExitCode != 0)
        {
            var log = File.Exists(Path.Join(_folder, "server.log")) ? await File.ReadAllTextAsync(Path.Join(_folder, "server.log")) : string.Empty;
            throw new InvalidOperationException($"pg_ctl start failed:\n{start.Describe()}\n{log}");
        }
    }

    /// <summary>A CA, and a server certificate it issues for <see cref="Name"/> and 127.0.0.1, made by openssl.</summary>
    private async Task MakeCertificatesAsync()
    {
        string In(string file) => Path.Join(_folder, file);
        await File.WriteAllTextAsync(In("server.ext"), $"subjectAltName=DNS:{Name},IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n");
        await CommandRunner.RunCheckedAsync(
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", In("ca.key"), "-out", CaFile, "-days", "30",
            "-subj", "/CN=Reach Lab Test CA", "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
        await CommandRunner.RunCheckedAsync(
            "openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", In("server.key"), "-out", In("server.csr"), "-subj", $"/CN={Name}");
        await CommandRunner.RunCheckedAsync(
            "openssl", "x509", "-req", "-in", In("server.csr"), "-CA", CaFile, "-CAkey", In("ca.key"), "-CAcreateserial", "-out", CertificateFile, "-days", "30", "-extfile", In("server.ext"));
    }

    private static async Task AsPostgresAsync(string[] command)
    {
        var result = await CommandRunner.RunAsync("runuser", ["-u", "postgres", "--", .. command], TimeSpan.FromSeconds(90));
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(command[0])} failed:\n{result.Describe()}");
        }
    }
}
