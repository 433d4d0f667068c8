namespace Reach.Scanning;

/// <summary>How the scan engine paces itself. The defaults scan a LAN at full speed and back off on a lossy path.</summary>
public sealed record ScanOptions
{
    /// <summary>Hard cap on probes in flight; 0 picks one from the file-descriptor limit.</summary>
    public int MaxInflight { get; init; }

    /// <summary>
    /// Descriptors the caller uses beside the scan (the connections of <c>--service</c>): taken from the room the
    /// open-file limit leaves, so that the scan's own sockets and they never run out together.
    /// </summary>
    public int ReservedDescriptors { get; init; }

    /// <summary>Cap on parallel probes to one host; 0 means no cap.</summary>
    public int MaxPerHost { get; init; }

    /// <summary>Cap in connection attempts per second; 0 means no cap.</summary>
    public double Rate { get; init; }

    /// <summary>A fixed probe timeout (<c>--timeout</c>); null adapts it per host from measured round trips.</summary>
    public TimeSpan? FixedTimeout { get; init; }

    /// <summary>The timeout for a host nothing has been learnt about yet.</summary>
    public TimeSpan InitialTimeout { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MinTimeout { get; init; } = TimeSpan.FromMilliseconds(50);

    public TimeSpan MaxTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Extra attempts for a probe that got no response (never for one that got an answer).</summary>
    public int Retries { get; init; } = 1;

    /// <summary>
    /// The most extra attempts a silent probe may get. Beyond <see cref="Retries"/>, a host gets one attempt more
    /// than the highest attempt that ever drew an answer there (a lossy or rate-limited path), up to this.
    /// </summary>
    public int MaxRetries { get; init; } = 6;

    /// <summary>The window of probes in flight at the start (slow start grows it from there).</summary>
    public int InitialWindow { get; init; } = 256;

    /// <summary>
    /// A port (one the scan does not cover, almost surely closed) to probe once per host before its real probes,
    /// so that the host's round trip is known and silent ports are judged in milliseconds instead of after the
    /// initial timeout; null sends none (a one-port sweep learns round trips from the other hosts instead).
    /// </summary>
    public int? DiscoveryPort { get; init; }

    /// <summary>A preset for networks with intrusion prevention: few probes at a time, a low rate.</summary>
    public static ScanOptions Polite { get; } = new() { MaxInflight = 32, MaxPerHost = 2, Rate = 50, InitialWindow = 4 };
}
