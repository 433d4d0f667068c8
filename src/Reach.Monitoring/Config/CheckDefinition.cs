using Reach.Scanning;

namespace Reach.Monitoring.Config;

/// <summary>One check of reach.yaml, with the defaults applied and every target and port parsed.</summary>
/// <param name="Name">Unique in the file; part of every target's identity.</param>
/// <param name="Type">tcp, icmp, tls, http or expect.</param>
/// <param name="Targets">Hosts, <c>host:port</c>, addresses and networks, inline and from <c>targets_file</c>.</param>
/// <param name="Ports">Ports for targets without their own (from <c>ports</c> and <c>profile</c>); empty for icmp.</param>
/// <param name="Interval">How often each target is probed.</param>
/// <param name="Timeout">How long one probe waits for an answer.</param>
/// <param name="DownAfter">Consecutive failures before a target is DOWN.</param>
/// <param name="UpAfter">Consecutive successes before a target is UP again.</param>
/// <param name="Labels">Free key/value pairs passed to alerts (and, later, metrics).</param>
/// <param name="Tls">What a tls check asks of the certificate (and an http check of an https one); null for other types.</param>
/// <param name="Http">What an http check asks; null for other types.</param>
/// <param name="Expect">What an expect check sends and waits for; null for other types.</param>
internal sealed record CheckDefinition(
    string Name,
    CheckType Type,
    IReadOnlyList<TargetEntry> Targets,
    PortSet Ports,
    TimeSpan Interval,
    TimeSpan Timeout,
    int DownAfter,
    int UpAfter,
    IReadOnlyDictionary<string, string> Labels,
    TlsSettings? Tls = null,
    HttpSettings? Http = null,
    ExpectSettings? Expect = null);
