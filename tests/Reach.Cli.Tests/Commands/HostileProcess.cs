using System.Diagnostics;
using System.Globalization;

namespace Reach.Cli.Tests.Commands;

/// <summary>
/// A python3 process that names itself with control characters: it listens on a loopback port of its own, sets its
/// name (<c>/proc/self/comm</c>) to <see cref="Name"/> and carries <see cref="Arguments"/> in its command line (a
/// newline that would forge a line of output, ESC sequences that would recolour the terminal). It holds the port
/// until disposed. Linux only.
/// </summary>
internal sealed class HostileProcess : IDisposable
{
    public const string Name = "ev\u001b[7mil\nx";

    public static readonly string[] Arguments = ["first\nforged: line", "\u001b[31mred\u001b[0m"];

    private const string Script =
        "import socket, sys; s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen(1); "
        + "open('/proc/self/comm', 'w').write(sys.argv[1]); print(s.getsockname()[1], flush=True); sys.stdin.read()";

    private readonly Process _process;

    private HostileProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Pid => _process.Id;

    public int Port { get; }

    /// <summary>python3 from the system, or null when there is none (the test skips).</summary>
    public static string? Python { get; } = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : null;

    public static async Task<HostileProcess> StartAsync()
    {
        var info = new ProcessStartInfo(Python ?? "python3")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["-c", Script, Name, .. Arguments])
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start python3");
        try
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            var line = await process.StandardOutput.ReadLineAsync(deadline.Token);
            return new HostileProcess(process, int.Parse(line ?? throw new InvalidOperationException("python3 ended"), CultureInfo.InvariantCulture));
        }
        catch
        {
            process.Kill();
            process.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        try
        {
            _process.Kill();
            _process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // It had already exited.
        }

        _process.Dispose();
    }
}
