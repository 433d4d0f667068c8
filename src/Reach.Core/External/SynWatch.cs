using Reach.Platform;

namespace Reach.External;

/// <summary>Starts this platform's watch for incoming SYNs, where it has one and may use it.</summary>
public static class SynWatch
{
    /// <summary>A running watch on <paramref name="ports"/>, or null (not root, or no packet socket on this OS).</summary>
    public static ISynWatch? TryStart(IReadOnlyList<int> ports) => PlatformServices.StartSynWatch(ports);
}
