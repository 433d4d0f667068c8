using Spectre.Console;

namespace Reach.Cli.Infrastructure;

/// <summary>Where the CLI writes, and whether it is a terminal (colors, live status) or a pipe (plain lines).</summary>
internal sealed record CliConsole(TextWriter Out, TextWriter Error, bool OutIsTerminal, bool ErrorIsTerminal)
{
    public static CliConsole FromSystem() =>
        new(Console.Out, Console.Error, !Console.IsOutputRedirected, !Console.IsErrorRedirected);

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
