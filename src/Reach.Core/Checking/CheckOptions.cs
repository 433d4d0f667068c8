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
    /// On an open port, also find out what answers on a second connection: the greeting a server sends first (its
    /// banner, as telnet shows it) or the answer to one safe probe. A well-known port that answers another protocol
    /// ("port 443 answers SSH") is then <see cref="TargetStatus.WrongService"/>. The TCP verdict and its time are
    /// taken before and never wait on it.
    /// </summary>
    public bool Banner { get; init; }

    /// <summary>How long finding out what answers may take, connect included; a silent service gets half of it before
    /// reach asks with a probe.</summary>
    public TimeSpan BannerWait { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How to shake hands with TLS and judge the certificate; used where <see cref="TlsPorts"/> says.</summary>
    public TlsCheck? Tls { get; init; }

    /// <summary>Which open ports get the TLS check (with a <see cref="Tls"/> check given).</summary>
    public TlsPorts TlsPorts { get; init; } = TlsPorts.All;

    /// <summary>The TLS check for an open port, or null when TLS is not checked there.</summary>
    /// <param name="port">The open port.</param>
    /// <param name="https">The target is an https URL: TLS is its service whatever the port.</param>
    public TlsCheck? TlsFor(int port, bool https = false) => TlsPorts switch
    {
        TlsPorts.All => Tls,
        TlsPorts.Wrapped when https || Identification.ExpectedService.ForPort(port) is { TlsWrapped: true } => Tls,
        _ => null,
    };

    /// <summary>Ask every open port with HTTP (<c>--http</c>); URL targets are asked even without it.</summary>
    public HttpCheck? Http { get; init; }

    /// <summary>How HTTP is asked: <see cref="Reach.Http.HttpProbe.Prober"/>. Null: no HTTP is asked, not even of URL targets.</summary>
    public Http.HttpProber? AskHttp { get; init; }

    /// <summary>The HTTP check of a target, or null when it is not asked with HTTP.</summary>
    public HttpCheck? HttpFor(Targets.TargetSpec target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return Http ?? (target.Url is null ? null : new HttpCheck(new Http.HttpProbeOptions { Timeout = Timeout }, HttpCheck.DefaultAccepted));
    }

    /// <summary>How many targets are checked at once.</summary>
    public int MaxConcurrency { get; init; } = 512;
}
