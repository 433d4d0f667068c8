using System.Diagnostics;

namespace Reach.Lab.Tests.Lab;

/// <summary>Runs a process with a bounded timeout, capturing its output; kills it (and its children) on timeout.</summary>
public static class CommandRunner
{
    /// <summary>How long a killed process may take to go away before we stop waiting for it.</summary>
    private static readonly TimeSpan KillGrace = TimeSpan.FromSeconds(5);

    public static async Task<CommandResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        TimeSpan timeout,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(fileName);
        ArgumentNullException.ThrowIfNull(arguments);

        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var commandLine = string.Join(' ', info.ArgumentList.Prepend(fileName).Select(Quote));
        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(info)
            ?? throw new InvalidOperationException($"Could not start {commandLine}");

        // No standard input: a command that reads it sees end of file at once.
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);

        var timedOut = false;
        using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            deadline.CancelAfter(timeout);
            try
            {
                await process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                timedOut = true;
                Kill(process);
                using var grace = new CancellationTokenSource(KillGrace);
                await process.WaitForExitAsync(grace.Token);
            }
        }

        stopwatch.Stop();
        var output = await WithGrace(stdout);
        var errors = await WithGrace(stderr);
        cancellationToken.ThrowIfCancellationRequested();

        return new CommandResult(
            commandLine,
            timedOut ? -1 : process.ExitCode,
            output,
            errors,
            stopwatch.Elapsed,
            timedOut);
    }

    /// <summary>Runs a command that must succeed; throws with its output when it does not.</summary>
    public static async Task<CommandResult> RunCheckedAsync(string fileName, params string[] arguments)
    {
        var result = await RunAsync(fileName, arguments, TimeSpan.FromSeconds(30));
        if (result.TimedOut || result.ExitCode != 0)
        {
            throw new InvalidOperationException($"Command failed.\n{result.Describe()}");
        }

        return result;
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited between the timeout and the kill.
        }
    }

    private static async Task<string> WithGrace(Task<string> read)
    {
        // A grandchild that inherited the pipe could keep it open after a kill: do not wait for it forever.
        var finished = await Task.WhenAny(read, Task.Delay(KillGrace));
        return finished == read ? await read : "<output not closed>";
    }

    private static string Quote(string argument) =>
        argument.Length > 0 && !argument.Any(c => char.IsWhiteSpace(c) || c is '\'' or '"' or '\\' or '$')
            ? argument
            : "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
