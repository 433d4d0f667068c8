using System.Diagnostics;
using System.Globalization;
using Reach.Lab.Tests.Lab;

namespace Reach.Lab.Tests.Sockets;

/// <summary>
/// Debian's nginx, started by a test inside its namespace as a pre-fork server: a master (root) opens the listeners,
/// its workers (www-data) inherit them. Everything it writes (pid file, logs, temp folders) is in a temp folder of its
/// own; it stays in the foreground, so stopping the master's process tree stops it all.
/// </summary>
public sealed class NginxServer : IDisposable
{
    private readonly Process _master;
    private readonly DirectoryInfo _prefix;

    private NginxServer(Process master, DirectoryInfo prefix)
    {
        _master = master;
        _prefix = prefix;
    }

    /// <summary>What every path answers unless a test gives its own server block.</summary>
    public const string DefaultSite = "return 200 \"ok\\n\";";

    /// <summary>The master process (<c>ip netns exec</c> execs nginx in place).</summary>
    public int MasterPid => _master.Id;

    /// <summary>Debian's nginx binary, or null when it is not installed (test.sh installs it as root).</summary>
    public static string? Binary { get; } = File.Exists("/usr/sbin/nginx") ? "/usr/sbin/nginx" : LabTools.Find("nginx");

    /// <summary>
    /// Starts nginx with <paramref name="workers"/> workers listening on 127.0.0.1:<paramref name="port"/> and
    /// [::]:<paramref name="port"/> (IPv6 only) in <paramref name="namespaceName"/>, and waits until every worker runs.
    /// </summary>
    /// <param name="tls">With a chain file (leaf first) and its key: HTTPS on the port (the master reads them as root).</param>
    /// <param name="site">The server block's directives besides its listeners and certificate; by default every path answers 200 "ok".</param>
    public static async Task<NginxServer> StartAsync(string ip, string namespaceName, int port, int workers, (string Chain, string Key)? tls = null, string? site = null)
    {
        var prefix = Directory.CreateTempSubdirectory("reach-nginx-");
        var p = prefix.FullName;
        var portText = port.ToString(CultureInfo.InvariantCulture);
        var ssl = tls is null ? string.Empty : " ssl";
        var certificate = tls is { } files ? $"ssl_certificate {files.Chain}; ssl_certificate_key {files.Key};" : string.Empty;
        await File.WriteAllTextAsync(Path.Join(p, "nginx.conf"), $$"""
            user www-data;
            worker_processes {{workers.ToString(CultureInfo.InvariantCulture)}};
            daemon off;
            master_process on;
            pid {{p}}/nginx.pid;
            error_log {{p}}/error.log;
            events { worker_connections 64; }
            http {
                access_log off;
                client_body_temp_path {{p}}/body;
                proxy_temp_path {{p}}/proxy;
                fastcgi_temp_path {{p}}/fastcgi;
                uwsgi_temp_path {{p}}/uwsgi;
                scgi_temp_path {{p}}/scgi;
                server {
                    listen 127.0.0.1:{{portText}}{{ssl}};
                    listen [::]:{{portText}}{{ssl}} ipv6only=on;
                    {{certificate}}
                    {{site ?? DefaultSite}}
                }
            }
            """);

        var info = new ProcessStartInfo(ip)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["netns", "exec", namespaceName, Binary ?? "nginx", "-p", p, "-c", Path.Join(p, "nginx.conf"), "-e", Path.Join(p, "error.log")])
        {
            info.ArgumentList.Add(argument);
        }

        var server = new NginxServer(Process.Start(info) ?? throw new InvalidOperationException("could not start nginx"), prefix);
        try
        {
            await server.WaitForWorkersAsync(workers);
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>The master's children: its workers, by PID.</summary>
    public IReadOnlyList<int> Workers() => ChildrenOf(MasterPid);

    public void Dispose()
    {
        try
        {
            _master.Kill(entireProcessTree: true);
            _master.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // It had already exited.
        }

        _master.Dispose();
        _prefix.Delete(recursive: true);
    }

    /// <summary>The processes whose parent is <paramref name="pid"/> (field 4 of /proc/PID/stat, after the name in parentheses).</summary>
    public static IReadOnlyList<int> ChildrenOf(int pid)
    {
        var children = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var candidate))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Join(directory, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (int.Parse(fields[1], CultureInfo.InvariantCulture) == pid)
                {
                    children.Add(candidate);
                }
            }
            catch (IOException)
            {
                // It ended meanwhile.
            }
        }

        children.Sort();
        return children;
    }

    private async Task WaitForWorkersAsync(int workers)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(20))
        {
            if (_master.HasExited)
            {
                var log = File.Exists(Path.Join(_prefix.FullName, "error.log")) ? await File.ReadAllTextAsync(Path.Join(_prefix.FullName, "error.log")) : string.Empty;
                throw new InvalidOperationException($"nginx exited with {_master.ExitCode}: {await _master.StandardError.ReadToEndAsync()} {log}");
            }

            // Workers are forked after the listeners are open; each is ready once it has dropped to www-data.
            if (Workers() is { } running && running.Count == workers && running.All(IsWwwData))
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"nginx did not start {workers} workers within 20 s");
    }

    private static bool IsWwwData(int pid)
    {
        try
        {
            return File.ReadLines($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/status")
                .Any(l => l.StartsWith("Uid:", StringComparison.Ordinal) && l.Split('\t', StringSplitOptions.RemoveEmptyEntries)[2] == "33");
        }
        catch (IOException)
        {
            return false;
        }
    }
}
