namespace Reach.Cli.Infrastructure;

/// <summary>
/// Reading what the user named may block in a read no token can interrupt: <c>-i FIFO</c> with no writer yet,
/// <c>-i /dev/stdin</c> fed by a program that is still thinking, a terminal. The work runs on the thread pool and the
/// command stops waiting for it at Ctrl+C, so reach ends at once; the thread left in read() ends with the process.
/// </summary>
internal static class BlockingInput
{
    /// <param name="read">Reads and parses.</param>
    /// <param name="readsFiles">
    /// Whether <paramref name="read"/> opens a file the user named. When not, nothing in it can block: it runs on this
    /// thread, and a cold `reach check host port` starts no thread-pool thread for it.
    /// </param>
    /// <param name="cancellationToken">Cancelled at Ctrl+C.</param>
    /// <exception cref="OperationCanceledException">The token was cancelled first.</exception>
    public static Task<T> ReadAsync<T>(Func<T> read, bool readsFiles, CancellationToken cancellationToken) =>
        readsFiles ? Task.Run(read, cancellationToken).WaitAsync(cancellationToken) : Task.FromResult(read());
}
