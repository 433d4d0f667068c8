namespace Reach.Checking;

/// <summary>What <c>reach check</c> does for every target.</summary>
public sealed record CheckOptions
{
    /// <summary>How long a TCP connect (and the ICMP echo) may wait for an answer.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>How long name resolution may take.</summary>
    public TimeSpan ResolveTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Send one ICMP echo to each probed address, as Test-NetConnection does.</summary>
    public bool Ping { get; init; } = true;

    public AddressFamilyFilter Family { get; init; } = AddressFamilyFilter.Any;

    /// <summary>Probe every resolved address instead of only the first.</summary>
    public bool AllAddresses { get; init; }

    /// <summary>Also find the route (source, interface, next hop) and reverse names.</summary>
    public bool Detailed { get; init; }

    /// <summary>
    /// On an open port, also read what the server sends first on a second connection (its banner), as telnet shows it.
    /// The TCP verdict and its time are taken before and never wait on it.
    /// </summary>
    public bool Banner { get; init; }

    /// <summary>How long the banner read may take, connect included: a server-speaks-first service greets at once.</summary>
    public TimeSpan BannerWait { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>On an open port, also shake hands with TLS and judge the certificate (<c>--tls</c>); null: no TLS.</summary>
    public TlsCheck? Tls { get; init; }

    /// <summary>How many targets are checked at once.</summary>
    public int MaxConcurrency { get; init; } = 512;
}
