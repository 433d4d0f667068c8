using System.Globalization;

namespace Reach.Scanning;

/// <summary>
/// A scan cannot go on on this machine: not one socket could be opened with nothing else in flight, because the
/// process's own file descriptors fill its open-file limit. Not a verdict on any target; the results so far stand.
/// </summary>
public sealed class ScanResourceException : Exception
{
    public ScanResourceException()
    {
    }

    public ScanResourceException(string message)
        : base(message)
    {
    }

    public ScanResourceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The message for an open-file limit of <paramref name="openFileLimit"/>.</summary>
    public static ScanResourceException OutOfDescriptors(long openFileLimit) => new(string.Create(
        CultureInfo.InvariantCulture,
        $"no file descriptor is left for a socket: the open-file limit ({openFileLimit}) is used up by reach itself; raise it with 'ulimit -n'"));
}
