using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Reach.Monitoring.Tests.TestSupport;

/// <summary>
/// A private PostgreSQL server for the tests: initdb into a temp folder (as the <c>postgres</c> OS user when running
/// as root, since postgres refuses root), listening only on 127.0.0.1 at a free port and on a unix socket in that
/// folder. Started on the first <see cref="CreateDatabaseAsync"/>; stopped and deleted when the assembly is done.
/// Without PostgreSQL binaries (test.sh installs Debian's <c>postgresql</c> as root) the tests that need it skip.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private string? folder;
    private string? bin;
    private string? skipReason;
    private bool started;
    private int databases;

    public int Port { get; private set; }

    /// <summary>A new empty database; returns its name. Skips the calling test when no server can run here.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        await gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (!started && skipReason is null)
            {
                await StartAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            gate.Release();
        }

        Assert.SkipWhen(skipReason is not null, skipReason ?? string.Empty);
        var name = "reach_test_" + Interlocked.Increment(ref databases).ToString(CultureInfo.InvariantCulture);
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync().ConfigureAwait(false);
#pragma warning disable CA2100 // the name is ours
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
#pragma warning restore CA2100
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        return name;
    }

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = "postgres", Database = database, SslMode = SslMode.Disable }.ConnectionString;

    /// <summary>The same as a <c>--store</c> URI, with a password the trust authentication ignores (it must never be printed).</summary>
    public string Uri(string database) => $"postgres://postgres:s3cret-pw@127.0.0.1:{Port}/{database}?sslmode=disable";

    public async ValueTask DisposeAsync()
    {
        if (started && bin is not null && folder is not null)
        {
            await RunAsync(Path.Combine(bin, "pg_ctl"), "-D", Path.Combine(folder, "data"), "-m", "immediate", "-w", "stop").ConfigureAwait(false);
        }

        if (folder is not null)
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }

        gate.Dispose();
    }

    private async Task StartAsync()
    {
        bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(b => File.Exists(Path.Combine(b, "initdb"))).Order(StringComparer.Ordinal).LastOrDefault()
            : null;
        if (bin is null)
        {
            skipReason = "PostgreSQL is not installed (apt-get install -y postgresql; test.sh does it as root)";
            return;
        }

        if (Environment.IsPrivilegedProcess && !File.ReadAllLines("/etc/passwd").Any(l => l.StartsWith("postgres:", StringComparison.Ordinal)))
        {
            skipReason = "running as root and there is no postgres user to run the server as";
            return;
        }

        folder = Directory.CreateTempSubdirectory("reach-pg-").FullName;
        if (Environment.IsPrivilegedProcess)
        {
            await RunCheckedAsync("chown", "postgres", folder).ConfigureAwait(false);
        }

        Port = FreePort.OnLoopback();
        var data = Path.Combine(folder, "data");
        await RunCheckedAsync(Path.Combine(bin, "initdb"), "-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync").ConfigureAwait(false);
        await RunCheckedAsync(Path.Combine(bin, "pg_ctl"), "-D", data, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60", "-o",
            $"-c listen_addresses=127.0.0.1 -p {Port} -c unix_socket_directories={folder} -c fsync=off -c max_connections=200", "start").ConfigureAwait(false);
        started = true;
    }


    private async Task RunCheckedAsync(string file, params string[] arguments)
    {
        var (code, output) = await RunAsync(file, arguments).ConfigureAwait(false);
        if (code != 0)
        {
            var log = folder is not null && File.Exists(Path.Combine(folder, "server.log")) ? await File.ReadAllTextAsync(Path.Combine(folder, "server.log")).ConfigureAwait(false) : string.Empty;
            throw new InvalidOperationException($"{Path.GetFileName(file)} exited with {code}: {output}\n{log}");
        }
    }

    /// <summary>Runs a PostgreSQL tool, as the postgres user when we are root.</summary>
    private async Task<(int Code, string Output)> RunAsync(string file, params string[] arguments)
    {
        var asPostgres = Environment.IsPrivilegedProcess && file != "chown";
        var info = new ProcessStartInfo(asPostgres ? "runuser" : file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = folder ?? Path.GetTempPath(),
        };
        if (asPostgres)
        {
            foreach (var argument in new[] { "-u", "postgres", "--", file })
            {
                info.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().ConfigureAwait(false);
        return (process.ExitCode, await stdout.ConfigureAwait(false) + await stderr.ConfigureAwait(false));
    }
}
