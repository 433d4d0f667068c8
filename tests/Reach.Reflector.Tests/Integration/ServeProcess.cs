using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Reach.Reflector.Tests.Integration;

/// <summary>
/// The real <c>reach serve</c> as a child process (<c>dotnet reach.dll</c> beside the tests, or REACH_BIN) on a free
/// loopback port; killed when disposed.
/// </summary>
internal sealed class ServeProcess : IDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> lines = new();

    private ServeProcess(Process process, int port)
    {
        this.process = process;
        Port = port;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(20) };
    }

    public int Port { get; }

    public HttpClient Client { get; }

    public string Log => string.Join('\n', lines);

    public static Task<ServeProcess> StartAsync(params string[] extra) => StartAsync(port => $"127.0.0.1:{port}", extra);

    /// <summary>Starts it with <c>--listen</c> written by <paramref name="listen"/> for a free port of 127.0.0.1.</summary>
    public static async Task<ServeProcess> StartAsync(Func<int, string> listen, params string[] extra)
    {
        ArgumentNullException.ThrowIfNull(listen);
        var port = FreePort();
        var serve = new ServeProcess(Process.Start(StartInfo(["serve", "--listen", listen(port), .. extra])) ?? throw new InvalidOperationException("cannot start reach serve"), port);
        serve.process.OutputDataReceived += (_, e) => serve.Add(e.Data);
        serve.process.ErrorDataReceived += (_, e) => serve.Add(e.Data);
        serve.process.BeginOutputReadLine();
        serve.process.BeginErrorReadLine();

        // Bounded wait for the start-up line (a loaded machine runs the JIT-compiled reach slowly).
        for (var i = 0; i < 300 && !serve.lines.Any(l => l.Contains("reflector on", StringComparison.Ordinal)); i++)
        {
            Assert.False(serve.process.HasExited, $"reach serve exited:\n{serve.Log}");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.Contains(serve.lines, l => l.Contains("reflector on", StringComparison.Ordinal));
        return serve;
    }

    /// <summary>Runs <c>reach ARGS</c> to completion (for --print-unit and bad options).</summary>
    public static async Task<(int ExitCode, string StdOut, string StdErr)> RunAsync(params string[] arguments)
    {
        var info = StartInfo(arguments);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start reach");
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(deadline.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    public void Dispose()
    {
        Client.Dispose();
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        process.Dispose();
    }

    private static ProcessStartInfo StartInfo(IEnumerable<string> arguments)
    {
        var bin = Environment.GetEnvironmentVariable("REACH_BIN");
        var info = bin is { Length: > 0 } && !bin.EndsWith(".dll", StringComparison.Ordinal)
            ? new ProcessStartInfo(bin)
            : new ProcessStartInfo("dotnet") { ArgumentList = { bin is { Length: > 0 } ? bin : Path.Combine(AppContext.BaseDirectory, "reach.dll") } };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.RedirectStandardInput = true;
        info.UseShellExecute = false;
        return info;
    }

    private static int FreePort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    private void Add(string? line)
    {
        if (line is not null)
        {
            lines.Enqueue(line);
        }
    }
}
