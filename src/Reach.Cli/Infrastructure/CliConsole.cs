using Spectre.Console;

namespace Reach.Cli.Infrastructure;

/// <summary>Where the CLI writes, and whether it is a terminal (colors, live status) or a pipe (plain lines).</summary>
internal sealed record CliConsole(TextWriter Out, TextWriter Error, bool OutIsTerminal, bool ErrorIsTerminal)
{
    /// <summary>
    /// The byte stream under <see cref="Out"/>, for large machine-readable output written as UTF-8 directly (flush
    /// <see cref="Out"/> first); null when there is none (tests).
    /// </summary>
    public Stream? OutBytes { get; init; }

    public static CliConsole FromSystem()
    {
        var output = StandardOutput();
        return new(output, Console.Error, !Console.IsOutputRedirected, !Console.IsErrorRedirected)
        {
            OutBytes = output is StreamWriter { BaseStream: var pipe } ? pipe : Console.OpenStandardOutput(),
        };
    }

    /// <summary>
    /// Standard output. .NET's console stream ignores EPIPE, so `reach scan 10.0.0.0/8 --list | head` would write
    /// 16 million lines into a closed pipe; on Unix, write to descriptor 1 directly so a closed reader is an
    /// IOException (see <see cref="ReachApp"/>). Redirected output is buffered: flushed at exit and by
    /// outputs that are followed live (ping, trace).
    /// </summary>
    private static TextWriter StandardOutput()
    {
        if (OperatingSystem.IsWindows() || !Console.IsOutputRedirected)
        {
            return Console.Out;
        }

        Stream stream = new FileStream(new Microsoft.Win32.SafeHandles.SafeFileHandle(1, ownsHandle: false), FileAccess.Write, bufferSize: 0);
        if (stream.CanSeek)
        {
            // A regular file (`> log`, `>> log`, /dev/null): FileStream writes there with pwrite at its own offset,
            // starting at 0, and would overwrite what the shell wrote before it; the console stream writes at the
            // descriptor's own offset. Only pipes need the EPIPE behaviour.
            stream.Dispose();
            stream = Console.OpenStandardOutput();
        }

        // Buffered (one write per 16 KB, not one per line: `scan 10.0.0.0/8 --list > file` is 16 million lines).
        return new StreamWriter(stream, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 16384) { AutoFlush = false };
    }

    /// <summary>A Spectre console over <see cref="Out"/>: ANSI colors on a terminal, plain unwrapped text otherwise.</summary>
    public IAnsiConsole CreateAnsiOut()
    {
        var colors = OutIsTerminal && Environment.GetEnvironmentVariable("NO_COLOR") is null;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = colors ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = colors ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = OutIsTerminal ? InteractionSupport.Detect : InteractionSupport.No,
            Out = new AnsiConsoleOutput(Out),
        });
        if (!OutIsTerminal)
        {
            // A pipe has no width: never wrap lines that scripts will grep.
            console.Profile.Width = 4096;
        }

        return console;
    }
}
