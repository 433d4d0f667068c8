using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Reach.Lab.Tests.Lab;

namespace Reach.Lab.Tests.Identification;

/// <summary>
/// A real server a test starts in its namespace (<c>ip netns exec NS COMMAND</c>, which execs in place), kept in the
/// foreground: stopping it kills its process tree, then its temp folder (config, certificates, logs) is deleted.
/// What it writes is kept for the failure message and the test log.
/// </summary>
public sealed class LabServerProcess : IDisposable
{
    private readonly Process _process;
    private readonly string _ip;
    private readonly string _namespace;
    private readonly string _title;
    private readonly DirectoryInfo? _folder;
    private readonly ConcurrentQueue<string> _output = new();

    private LabServerProcess(Process process, string ip, string namespaceName, string title, DirectoryInfo? folder)
    {
        _process = process;
        _ip = ip;
        _namespace = namespaceName;
        _title = title;
        _folder = folder;
    }

    /// <summary>What the server wrote so far (stdout and stderr, one line each).</summary>
    public string Output => string.Join('\n', _output);

    /// <summary>Starts <paramref name="command"/> in <paramref name="namespaceName"/>; <paramref name="folder"/> is deleted on dispose.</summary>
    public static LabServerProcess Start(string ip, string namespaceName, string title, IEnumerable<string> command, DirectoryInfo? folder = null)
    {
        // Standard input stays an open pipe: openssl s_server reads commands from it and would stop at its end.
        var info = new ProcessStartInfo(ip) { UseShellExecute = false, RedirectStandardInput = true, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in (string[])["netns", "exec", namespaceName, .. command])
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {title}");
        var server = new LabServerProcess(process, ip, namespaceName, title, folder);
        process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
        process.OutputDataReceived += (_, e) => server.Keep(e.Data);
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        return server;
    }

    /// <summary>Waits (at most 15 s) until every TCP port of <paramref name="ports"/> listens in the namespace, as <c>ss</c> sees it: no connection is made.</summary>
    public async Task WaitForListenersAsync(params int[] ports)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(15))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{_title} exited with {_process.ExitCode}:\n{Output}");
            }

            var ss = await CommandRunner.RunAsync(_ip, ["netns", "exec", _namespace, "ss", "-Hltn"], TimeSpan.FromSeconds(10));
            var listening = ss.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Where(fields => fields.Length >= 4)
                .Select(fields => fields[3][(fields[3].LastIndexOf(':') + 1)..])
                .ToHashSet();
            if (ports.All(p => listening.Contains(p.ToString(CultureInfo.InvariantCulture))))
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"{_title} did not listen on {string.Join(", ", ports)} within 15 s:\n{Output}");
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
        _folder?.Delete(recursive: true);
        TryLog($"{_title} wrote:\n{Output}");
    }

    private void Keep(string? line)
    {
        if (line is not null && _output.Count < 2000)
        {
            _output.Enqueue(line);
        }
    }

    /// <summary>The test's log, while a test runs (it is gone once the test has ended).</summary>
    private static void TryLog(string text)
    {
        try
        {
            TestContext.Current.TestOutputHelper?.WriteLine(text);
        }
        catch (InvalidOperationException)
        {
            // No test is running any more.
        }
    }
}
