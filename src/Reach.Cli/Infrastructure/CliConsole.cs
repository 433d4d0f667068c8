using Reach.Cli.Platform;
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

    /// <summary>
    /// The process's console; standard output as this OS opens it (<see cref="IStandardOutput"/>: on Unix a closed
    /// pipe is an IOException, and redirected output is buffered).
    /// </summary>
    public static CliConsole FromSystem()
    {
        var output = CliPlatform.StandardOutput.Open();
        return new(output, Console.Error, !Console.IsOutputRedirected, !Console.IsErrorRedirected)
        {
            OutBytes = output is StreamWriter { BaseStream: var pipe } ? pipe : Console.OpenStandardOutput(),
        };
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
