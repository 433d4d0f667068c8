namespace Reach.Cli.Infrastructure;

/// <summary>The exit codes every reach command shares.</summary>
internal static class ExitCodes
{
    /// <summary>Everything asked about is reachable (or the command simply ran).</summary>
    public const int Success = 0;

    /// <summary>At least one target is not reachable.</summary>
    public const int NotReachable = 1;

    /// <summary>Bad input: a bad port, an unknown service, an unreadable file, a bad option.</summary>
    public const int BadInput = 2;

    /// <summary>
    /// What reach must read on this host is not available: the socket table on an OS without a reader, or one the
    /// kernel refused or sent garbled, or a file descriptor for a scan's socket (sysexits EX_UNAVAILABLE). Not bad
    /// input, and not a bug.
    /// </summary>
    public const int Unavailable = 69;

    /// <summary>A bug in reach itself (reported in one line, never as a stack trace).</summary>
    public const int InternalError = 70;

    /// <summary>The reader of our output went away (128 + SIGPIPE, as the shell reports it).</summary>
    public const int BrokenPipe = 141;

    /// <summary>Interrupted with Ctrl+C (128 + SIGINT, as the shell reports it).</summary>
    public const int Interrupted = 130;

    /// <summary>Stopped with SIGTERM (128 + SIGTERM, as the shell reports it).</summary>
    public const int Terminated = 143;
}
