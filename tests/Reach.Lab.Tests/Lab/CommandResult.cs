namespace Reach.Lab.Tests.Lab;

/// <summary>What a command run by <see cref="CommandRunner"/> did.</summary>
/// <param name="Command">The command line, for messages.</param>
/// <param name="ExitCode">The exit code; -1 when the command was killed on timeout.</param>
/// <param name="StdOut">Everything it wrote to standard output.</param>
/// <param name="StdErr">Everything it wrote to standard error.</param>
/// <param name="Elapsed">Wall time from start to exit.</param>
/// <param name="TimedOut">True when it ran past its timeout and was killed.</param>
public sealed record CommandResult(
    string Command,
    int ExitCode,
    string StdOut,
    string StdErr,
    TimeSpan Elapsed,
    bool TimedOut)
{
    /// <summary>A multi-line description for assertion messages and test output.</summary>
    public string Describe() => Describe(int.MaxValue);

    /// <summary>The description with stdout and stderr cut to their first and last lines past <paramref name="maxLines"/>.</summary>
    public string Describe(int maxLines) =>
        $"$ {Command}\nexit: {(TimedOut ? "killed on timeout" : ExitCode.ToString())} after {Elapsed.TotalMilliseconds:F0} ms\n" +
        $"--- stdout ---\n{Cut(StdOut, maxLines)}\n--- stderr ---\n{Cut(StdErr, maxLines)}";

    private static string Cut(string text, int maxLines)
    {
        var lines = text.Split('\n');
        if (lines.Length <= maxLines)
        {
            return text;
        }

        var half = Math.Max(1, maxLines / 2);
        return string.Join('\n', lines.Take(half))
            + $"\n… {lines.Length - 2 * half} more lines …\n"
            + string.Join('\n', lines.TakeLast(half));
    }
}
