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
    public string Describe() =>
        $"$ {Command}\nexit: {(TimedOut ? "killed on timeout" : ExitCode.ToString())} after {Elapsed.TotalMilliseconds:F0} ms\n" +
        $"--- stdout ---\n{StdOut}\n--- stderr ---\n{StdErr}";
}
