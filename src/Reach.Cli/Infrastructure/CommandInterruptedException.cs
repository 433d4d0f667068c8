namespace Reach.Cli.Infrastructure;

/// <summary>
/// Ctrl+C or SIGTERM stopped a command that has something to say about what it leaves behind (a scan: how much was
/// decided and written); <see cref="ReachApp"/> prints it on the interrupted line.
/// </summary>
internal sealed class CommandInterruptedException : OperationCanceledException
{
    public CommandInterruptedException()
    {
    }

    public CommandInterruptedException(string detail)
        : base(detail) => Detail = detail;

    public CommandInterruptedException(string detail, Exception innerException)
        : base(detail, innerException) => Detail = detail;

    public string? Detail { get; }
}
