using System.Net;
using System.Globalization;
using Reach.Pinging;
using Reach.Probes;
using Reach.Targets;
using Reach.Text;

namespace Reach.Checking;

/// <summary>One plain-language line per verdict: what it means, and the next thing to try.</summary>
public static class VerdictExplainer
{
    public static string Explain(TcpProbeResult probe, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(probe);
        var port = probe.Remote.Port.ToString(CultureInfo.InvariantCulture);
        var address = probe.Remote.Address;
        var endpoint = TargetSpec.FormatEndpoint(address.ToString(), probe.Remote.Port);
        var fromTarget = probe.Reporter is not null && probe.Reporter.Equals(address);
        var router = probe.Reporter is not null && !fromTarget ? $"router {probe.Reporter}" : null;
        return (probe.State, probe.Reason) switch
        {
            (PortState.Open, _) => $"{endpoint} accepted a TCP connection: the service is up and reachable from this host.",
            (PortState.Closed, ProbeReason.SelfConnect) =>
                $"nothing listens on port {port}: the connection met itself (TCP self-connect, possible on local ports in the ephemeral range).",
            (PortState.Closed, _) when IPAddress.IsLoopback(address) =>
                $"nothing listens on port {port} on this machine's loopback: is the service running, or bound only to another address?",
            (PortState.Closed, _) =>
                $"the host answered but nothing listens on port {port}: is the service running, and bound to this address (not only 127.0.0.1)?",
            (_, ProbeReason.NoResponse) =>
                $"no answer within {Time.DurationParser.Format(timeout)}: a firewall drops the packets, the host is down, or the route is broken; check the host's firewall and the path, or retry with a longer --timeout.",
            (_, ProbeReason.HostUnreach or ProbeReason.NetUnreach or ProbeReason.AdminProhibited or ProbeReason.PortUnreach) when fromTarget =>
                $"the host itself rejected port {port} with ICMP {IcmpName(probe.Reason)}: a firewall REJECT rule on it blocks the port; have it opened.",
            (_, ProbeReason.AdminProhibited) =>
                $"{router ?? "a firewall"} rejected the connection by policy (ICMP administratively prohibited): a firewall on the way blocks port {port}; have it opened.",
            (_, ProbeReason.PortUnreach) =>
                $"{router ?? "a firewall"} answered ICMP port unreachable instead of a TCP reset: a firewall REJECT rule blocks port {port}.",
            (_, ProbeReason.HostUnreach) =>
                $"{(router is null ? "host unreachable" : router + " reported the host unreachable")}: the host is down or not on its network (no ARP/ND answer), or the address is wrong.",
            (_, ProbeReason.NetUnreach) when router is not null =>
                $"{router} has no route to {address}: check the address and the routing on the way.",
            (_, ProbeReason.NetUnreach) =>
                $"this host has no route to {address}: check the address, the routing table (default gateway) or the VPN.",
            _ when probe.Detail?.Contains("ermission", StringComparison.Ordinal) == true =>
                $"this host refused to send the probe ({probe.Detail}): a local firewall rule blocks outgoing connections; this says nothing about the target.",
            _ => $"this host could not send the probe ({probe.Detail ?? "local error"}); this says nothing about the target.",
        };
    }

    public static string ExplainPing(PingOutcome ping) => ping.Status switch
    {
        PingStatus.Reply => "the host answers ICMP echo; give a port to test a service.",
        PingStatus.NoReply => $"no ICMP echo reply ({ping.Message}): the host may be down, or ICMP is filtered (many hosts drop ping); give a port to test a service.",
        PingStatus.Unavailable => $"{ping.Message}; give a port to test a TCP service instead.",
        _ => "nothing was checked.",
    };

    public static string ExplainUnresolved(string host, string? error) =>
        $"{Printable.Quote(host)} did not resolve ({error}): check the spelling, the DNS servers or the hosts file.";

    public static string ExplainNoAddress(string host, AddressFamilyFilter family) =>
        $"{Printable.Quote(host)} has no {(family == AddressFamilyFilter.IPv4Only ? "IPv4" : "IPv6")} address; drop {(family == AddressFamilyFilter.IPv4Only ? "-4" : "-6")} to use the others.";

    /// <summary>"port 443 answers SSH, not HTTPS": open, but not the service the port promises.</summary>
    public static string WrongService(int port, Identification.ExpectedService expected, Identification.ServiceProtocol answered) =>
        $"port {port} answers {Identification.ServiceProtocolNames.ToDisplayName(answered)}, not {expected.Name}: the port is open, but another service "
        + $"listens on it (a moved service, a proxy or a port forward); reach it by its own port, or use {(expected.TlsWrapped ? "--no-banner --no-tls" : "--no-banner")} to check the port alone.";

    /// <summary>Why an open web port fails its HTTP check: no answer, or a status not accepted.</summary>
    public static string HttpFailed(Http.HttpReport http, HttpCheck check)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(check);
        return http.StatusCode is { } code
            ? $"the web server answered {code} {http.Reason} to {Printable.OneLine(http.Url.AbsoluteUri, 200)} (accepted: {string.Join(",", check.Accepted)}); the port is open, the page is not served"
            : $"the port is open but no HTTP answer came from {Printable.OneLine(http.Url.AbsoluteUri, 200)}: {http.Error}";
    }

    public static string NotProbedNote(int count) =>
        $" ({count} other address{(count == 1 ? " was" : "es were")} not probed: use --all-addresses)";

    private static string IcmpName(ProbeReason reason) => reason switch
    {
        ProbeReason.HostUnreach => "host-unreachable",
        ProbeReason.NetUnreach => "net-unreachable",
        ProbeReason.AdminProhibited => "administratively-prohibited",
        _ => "port-unreachable",
    };
}
