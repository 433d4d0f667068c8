using System.Diagnostics;
using System.Globalization;

namespace Reach.Lab.Tests.Sockets;

/// <summary>
/// A child process (python3) that holds one socket inside a namespace: a TCP or UDP listener (optionally with
/// IPV6_V6ONLY set or cleared), a listener that accepts one connection, a connection, or a listener it then shares
/// with a child it forks (which also binds a UDP socket of its own on the same port). It prints "ready" once the
/// socket exists (after "ready", "fork" prints "child PID") and holds it until its stdin closes or it is killed.
/// </summary>
public sealed class SocketHolder : IDisposable
{
    private const string Script = """
        import os, socket, sys
        mode, proto, addr, port = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
        family = socket.AF_INET6 if ':' in addr else socket.AF_INET
        kind = socket.SOCK_STREAM if proto == 'tcp' else socket.SOCK_DGRAM
        s = socket.socket(family, kind)
        # A zone (fe80::50%vk0) reaches bind() only through getaddrinfo's 4-tuple.
        target = socket.getaddrinfo(addr, port, family, kind)[0][4] if '%' in addr else (addr, port)
        if mode == 'connect':
            s.connect(target)
            print('ready', flush=True)
        else:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            if family == socket.AF_INET6 and len(sys.argv) > 5:
                s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, int(sys.argv[5]))
            s.bind(target)
            if kind == socket.SOCK_STREAM:
                s.listen(16)
            print('ready', flush=True)
            if mode == 'accept':
                c, _ = s.accept()
                print('accepted', flush=True)
            if mode == 'fork':
                r, w = os.pipe()
                child = os.fork()
                if child == 0:
                    u = socket.socket(family, socket.SOCK_DGRAM)
                    u.bind((addr, port))
                    os.write(w, b'x')
                    sys.stdin.read()
                    os._exit(0)
                os.read(r, 1)
                print(f'child {child}', flush=True)
        sys.stdin.read()
        """;

    private static readonly Lazy<string> ScriptPath = new(() =>
    {
        var path = Path.Combine(Path.GetTempPath(), $"reach-socket-holder-{Environment.ProcessId}.py");
        File.WriteAllText(path, Script);
        return path;
    });

    private readonly Process _process;

    private SocketHolder(Process process) => _process = process;

    /// <summary>The PID of the process holding the socket (<c>ip netns exec</c> execs python in place).</summary>
    public int Pid => _process.Id;

    /// <summary>python3 from the system, or the first on PATH; null when there is none.</summary>
    public static string? Python { get; } = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : Lab.LabTools.Find("python3");

    /// <summary>Starts a holder in <paramref name="namespaceName"/> and waits until its socket exists.</summary>
    /// <param name="v6Only">For IPv6: set (true) or clear (false) IPV6_V6ONLY; null leaves the system default.</param>
    public static async Task<SocketHolder> StartAsync(string ip, string namespaceName, string mode, string proto, string address, int port, bool? v6Only = null)
    {
        var info = new ProcessStartInfo(ip)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] arguments = ["netns", "exec", namespaceName, Python ?? "python3", ScriptPath.Value, mode, proto, address, port.ToString(CultureInfo.InvariantCulture)];
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        if (v6Only is { } flag)
        {
            info.ArgumentList.Add(flag ? "1" : "0");
        }

        var holder = new SocketHolder(Process.Start(info) ?? throw new InvalidOperationException("could not start python3"));
        try
        {
            await holder.WaitForLineAsync("ready");
            return holder;
        }
        catch
        {
            holder.Dispose();
            throw;
        }
    }

    /// <summary>The next line the script prints (<c>child PID</c> after <c>ready</c> in fork mode).</summary>
    public async Task<string> ReadLineAsync()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await _process.StandardOutput.ReadLineAsync(deadline.Token) ?? throw new InvalidOperationException("the socket holder ended");
    }

    /// <summary>Waits for a line the script prints (<c>accepted</c> after its one accept).</summary>
    public async Task WaitForLineAsync(string expected)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var line = await _process.StandardOutput.ReadLineAsync(deadline.Token);
        if (line != expected)
        {
            var error = _process.HasExited ? await _process.StandardError.ReadToEndAsync(deadline.Token) : string.Empty;
            throw new InvalidOperationException($"socket holder said '{line}' instead of '{expected}': {error}");
        }
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
            // It had already exited.
        }

        _process.Dispose();
    }
}
