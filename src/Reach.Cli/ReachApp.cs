using System.CommandLine;
using Reach.Cli.Commands;
using Reach.Cli.Infrastructure;
using Reach.Text;

namespace Reach.Cli;

/// <summary>The reach command line: parses, dispatches, and turns every failure into one line and an exit code.</summary>
internal static class ReachApp
{
    public static Task<int> RunAsync(string[] args, CliConsole console) => RunAsync(args, console, SocketSources.System);

    /// <summary>Runs with the socket table and interface addresses of <paramref name="sockets"/> (fakes in tests).</summary>
    public static Task<int> RunAsync(string[] args, CliConsole console, SocketSources sockets) =>
        RunAsync(args, console, sockets, TimeProvider.System);

    /// <summary>Runs with fake sockets and a fake clock for what commands print over time (tests).</summary>
    public static async Task<int> RunAsync(string[] args, CliConsole console, SocketSources sockets, TimeProvider clock)
    {
        var root = CommandTree.Build(args, console, sockets, clock);

        // nmap's "-p-" (every port) is one token that no option parser reads as "-p" plus "-".
        var parse = root.Parse(args.Select(a => a == "-p-" ? "--all-ports" : a).ToArray());
        if (parse.Errors.Count > 0)
        {
            var command = parse.CommandResult.Command;
            var name = command == root ? "reach" : $"reach {command.Name}";
            // "Unrecognized command or argument 'x'" names the bad part; "Required command was not provided" does not.
            var error = parse.Errors.FirstOrDefault(e => e.Message.Contains('\'', StringComparison.Ordinal)) ?? parse.Errors[0];
            await WriteErrorAsync(console, $"{ParseErrorText.Simplify(error.Message)} (see '{name} --help')").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        var configuration = new InvocationConfiguration
        {
            Output = console.Out,
            Error = console.Error,
            EnableDefaultExceptionHandler = false,
            // reach handles SIGINT and SIGTERM itself (Interruption): System.CommandLine's handler crashed on a second signal.
            ProcessTerminationTimeout = null,
        };

        using var interruption = Interruption.ForProcess();
        var abandoned = false;
        try
        {
            // On this thread, to its first await: a thread for it (even the thread pool's, with its gate thread) was a
            // tenth of a cold `reach check` (issue 13, item 29). A command that blocks before that await (a read no
            // token reaches) cannot hold up the answer to Ctrl+C: once it is abandoned, reach exits from the signal's
            // side (ExitIfStillInline).
            var inline = new InlineRun();
            _ = interruption.Abandoned.ContinueWith(
                _ => inline.ExitIfStillInline(console, interruption.ExitCode),
                CancellationToken.None,
                TaskContinuationOptions.None,
                TaskScheduler.Default);
            Task<int> invocation;
            try
            {
                invocation = parse.InvokeAsync(configuration, interruption.Token);
            }
            finally
            {
                inline.Returned();
            }

            if (await Task.WhenAny(invocation, interruption.Abandoned).ConfigureAwait(false) != invocation)
            {
                // Signalled, and the command did not stop within the grace period or a second signal came: leave it.
                abandoned = true;
                _ = invocation.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                await console.Error.WriteLineAsync("reach: interrupted").ConfigureAwait(false);
                return interruption.ExitCode;
            }

            var code = await invocation.ConfigureAwait(false);
            console.Out.Flush();
            return code;
        }
        catch (IOException ex) when (IsBrokenPipe(ex))
        {
            // The reader went away (`| head`): stop quietly, as a program killed by SIGPIPE would.
            return ExitCodes.BrokenPipe;
        }
        catch (UsageException ex)
        {
            await WriteErrorAsync(console, ex.Message).ConfigureAwait(false);
            return ExitCodes.BadInput;
        }
        catch (SocketTableUnavailableException ex)
        {
            await WriteErrorAsync(console, $"cannot read the socket table: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Unavailable;
        }
        catch (Reach.Scanning.ScanResourceException ex)
        {
            await WriteErrorAsync(console, ex.Message).ConfigureAwait(false);
            return ExitCodes.Unavailable;
        }
        catch (OperationCanceledException ex)
        {
            var detail = ex is CommandInterruptedException { Detail: { } what } ? $": {Printable.OneLine(what)}" : string.Empty;
            await console.Error.WriteLineAsync($"reach: interrupted{detail}").ConfigureAwait(false);
            return interruption.Requested ? interruption.ExitCode : ExitCodes.Interrupted;
        }
#pragma warning disable CA1031 // The last line of defence: a bug is one line, never a stack trace.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            await WriteErrorAsync(console, $"internal error: {ex.GetType().Name}: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.InternalError;
        }
        finally
        {
            // Whatever was produced before an error or Ctrl+C still reaches the reader.
            Flush(console, abandoned);
        }
    }

    /// <summary>
    /// Flushes standard output. An abandoned command may still be writing to it from another thread, so then any
    /// failure is ignored: the process is ending, and a signal must not turn into an internal error. Synchronous:
    /// an asynchronous flush of a console or pipe stream is a thread-pool job, threads a cold start need not create.
    /// </summary>
    private static void Flush(CliConsole console, bool abandoned)
    {
        try
        {
            console.Out.Flush();
        }
        catch (IOException)
        {
        }
#pragma warning disable CA1031 // See above: only when the command was abandoned.
        catch (Exception) when (abandoned)
#pragma warning restore CA1031
        {
        }
    }

    /// <summary>Whether the command still runs on the thread that started it, before its first await.</summary>
    private sealed class InlineRun
    {
        private const int Inline = 0;
        private const int Back = 1;
        private const int Exiting = 2;
        private int state;

        /// <summary>The command reached its first await (or ended): the caller waits for it, or abandons it, itself.</summary>
        public void Returned()
        {
            if (Interlocked.CompareExchange(ref state, Back, Inline) == Exiting)
            {
                Thread.Sleep(Timeout.Infinite); // the process is exiting from the signal's side
            }
        }

        /// <summary>
        /// The command was abandoned (a second signal, or the grace period is over) while it still held the thread
        /// that would have waited for it: ends the process as the caller would have, with the interrupted exit code.
        /// </summary>
        public void ExitIfStillInline(CliConsole console, int exitCode)
        {
            if (Interlocked.CompareExchange(ref state, Exiting, Inline) != Inline)
            {
                return;
            }

            console.Error.WriteLine("reach: interrupted");
            Flush(console, abandoned: true);
            Environment.Exit(exitCode);
        }
    }

    /// <summary>
    /// One line on stderr. Messages quote what the user typed or a file held: whatever a parser did not escape
    /// already (an ESC sequence in an argument, a CR or NUL) is escaped here, so no message rewrites the terminal.
    /// </summary>
    private static Task WriteErrorAsync(CliConsole console, string message) =>
        console.Error.WriteLineAsync($"reach: {Printable.OneLine(message)}");

    private static bool IsBrokenPipe(IOException ex) =>
        ex.HResult == 32 || ex.Message.Contains("Broken pipe", StringComparison.OrdinalIgnoreCase);
}
