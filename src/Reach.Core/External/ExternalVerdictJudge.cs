using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Reach.Probes;
using Reach.Sockets;

namespace Reach.External;

/// <summary>
/// Joins the local view (who listens on the port, on which address), the NAT analysis and the reflector's probe
/// into one verdict with the next step. Pure: every input is data, so every case is tested by a table.
/// </summary>
public static class ExternalVerdictJudge
{
    /// <param name="port">The TCP port.</param>
    /// <param name="local">Who listens on it here.</param>
    /// <param name="nat">Where this host stands.</param>
    /// <param name="outside">What the reflector saw; <see langword="null"/> when it did not report the port.</param>
    /// <param name="arrival">Whether its connection attempts were seen arriving here (root on Linux only).</param>
    public static ExternalVerdict Judge(int port, LocalPortView local, NatAnalysis nat, OutsidePortResult? outside, ArrivalEvidence arrival = ArrivalEvidence.Unknown)
    {
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(nat);
        var exposure = Classify(local, nat);
        var listeners = local.Listeners;
        var p = port.ToString(CultureInfo.InvariantCulture);
        var here = LocalPhrase(exposure, listeners, p);
        var target = ForwardTarget(nat, p);

        if (outside is null || outside.State == PortState.Error)
        {
            var what = outside is null ? "did not report it" : $"could not check it ({outside.StateWord}{ReasonSuffix(outside)})";
            return Verdict(ExternalVerdictKind.NotChecked, false, $"{here}, {nat.Sentence}, the reflector {what}", "run the check again, or use another reflector");
        }

        if (outside.State == PortState.Open)
        {
            if (exposure is LocalExposure.Listens or LocalExposure.Unknown)
            {
                return Verdict(ExternalVerdictKind.Reachable, true, $"{here}, {nat.Sentence}, port {p} is reachable from outside{OpenSuffix(outside)}", null);
            }

            var elsewhere = nat.Kind == NatKind.None
                ? $"something in front of this host answers for {Endpoint(nat.PublicAddress, p)} (a proxy or load balancer)"
                : $"the router forwards it to another machine, or answers itself";
            var check = nat.Kind == NatKind.None
                ? $"find what answers on {Endpoint(nat.PublicAddress, p)}"
                : $"check the router's forward for TCP {p}: to reach this host it must point to {target}";
            return Verdict(ExternalVerdictKind.AnsweredElsewhere, true, $"{here}, yet port {p} answers from outside{OpenSuffix(outside)}: {elsewhere}", check);
        }

        var notReachable = $"port {p} is not reachable from outside ({outside.StateWord}{ReasonSuffix(outside)})";
        var thenForward = nat.Kind == NatKind.Nat ? $", then forward TCP {p} on the router to {target}" : string.Empty;
        switch (exposure)
        {
            case LocalExposure.NothingListens:
                return Verdict(ExternalVerdictKind.NotListening, false, $"{here}, {nat.Sentence}, {notReachable}",
                    $"start the service so that it listens on {Wildcard(nat)}:{p}{thenForward}");
            case LocalExposure.LoopbackOnly:
                return Verdict(ExternalVerdictKind.LoopbackOnly, false, $"{here}, which takes connections from this machine only, {nat.Sentence}, {notReachable}",
                    $"make {Who(listeners)} listen on {Wildcard(nat)}:{p} or {target} (its bind address setting){thenForward}");
            case LocalExposure.OtherAddress:
                return Verdict(ExternalVerdictKind.WrongAddress, false, $"{here}, but connections from outside arrive at {target}, {nat.Sentence}, {notReachable}",
                    $"make {Who(listeners)} listen on {Wildcard(nat)}:{p} or {target}{thenForward}");
        }

        var situation = $"{here}, {nat.Sentence}, {notReachable}";
        // Rejects, not drops: the reflector named something other than silence (an ICMP error, or a word this version does not know).
        var rejected = outside.State == PortState.Filtered && outside.ReasonWord is not null && outside.Reason != ProbeReason.NoResponse ? "rejects" : "drops";
        var allowHere = $"allow TCP {p} inbound in this host's firewall (iptables, nftables, ufw: the INPUT chain)";
        if (arrival == ArrivalEvidence.Arrived && (outside.State == PortState.Filtered || exposure == LocalExposure.Listens))
        {
            var answer = outside.State == PortState.Closed ? "were refused although the service listens, so this host's firewall rejects them with a reset"
                : $"got no answer, so this host's firewall {rejected} them";
            return Verdict(ExternalVerdictKind.HostFirewall, false, $"{situation}: the connection attempts arrived at this host and {answer}", allowHere);
        }

        if (arrival == ArrivalEvidence.NotArrived && outside.State == PortState.Filtered && nat.Kind != NatKind.CarrierGradeNat)
        {
            return nat.Kind == NatKind.Nat
                ? Verdict(ExternalVerdictKind.DroppedBeforeHost, false,
                    $"{situation}: no connection attempt reached this host, so the router {rejected} them (no forward for the port, or its firewall), or the provider blocks the port",
                    $"forward TCP {p} on the router to {target} and allow it in the router's firewall")
                : Verdict(ExternalVerdictKind.DroppedBeforeHost, false,
                    $"{situation}: no connection attempt reached this host, so a firewall before it {rejected} them (the provider's, a cloud security group)",
                    $"allow TCP {p} inbound in the provider's firewall (cloud security group)");
        }

        return (nat.Kind, outside.State) switch
        {
            (NatKind.CarrierGradeNat, _) => Verdict(ExternalVerdictKind.CarrierGradeNat, false,
                $"{situation}: the provider shares {nat.PublicAddress} among its customers (100.64.0.0/10 on this side)",
                "a forward on your router cannot work behind carrier-grade NAT: ask the provider for a public IPv4 address (or a forward on their side), use IPv6, or relay through a tunnel or a VPS"),
            (NatKind.Nat, PortState.Closed) => Verdict(ExternalVerdictKind.NotForwarded, false,
                $"{situation}: the router refuses it, so it does not forward the port here (no forward, or one to a machine where nothing listens)",
                $"forward TCP {p} on the router to {target}"),
            (NatKind.Nat, _) => Verdict(ExternalVerdictKind.FilteredBehindNat, false,
                $"{situation}: something on the way {rejected} it",
                $"check the host firewall here (iptables, nftables, ufw: allow TCP {p} in INPUT), then the router: forward TCP {p} to {target} and allow it in its firewall (a router without the forward often drops instead of refusing)"),
            (_, PortState.Closed) => Verdict(ExternalVerdictKind.Refused, false,
                $"{situation}: the connection is refused{(exposure == LocalExposure.Listens ? " although the service listens" : string.Empty)}, so a firewall rejects it with a reset, or the address is not this host's",
                $"look for a firewall rule rejecting TCP {p} with tcp-reset (host or provider)"),
            _ => Verdict(ExternalVerdictKind.Firewalled, false,
                $"{situation}: nothing translates on the way, so a firewall {rejected} it",
                $"allow TCP {p} inbound in the host firewall (iptables, nftables, ufw) and in the provider's firewall (cloud security group) if there is one"),
        };

        ExternalVerdict Verdict(ExternalVerdictKind kind, bool reachable, string summary, string? next) =>
            new(port, kind, reachable, exposure, listeners, outside, arrival, summary, next);
    }

    /// <summary>Whether a connection arriving from outside finds a listener here.</summary>
    public static LocalExposure Classify(LocalPortView local, NatAnalysis nat)
    {
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(nat);
        if (!local.Known)
        {
            return LocalExposure.Unknown;
        }

        if (local.Listeners.Count == 0)
        {
            return LocalExposure.NothingListens;
        }

        if (local.Listeners.Any(l => Accepts(l, nat)))
        {
            return LocalExposure.Listens;
        }

        return local.Listeners.All(l => l.Exposure is { IsWildcard: false, Reach: AddressScope.Loopback })
            ? LocalExposure.LoopbackOnly
            : LocalExposure.OtherAddress;
    }

    /// <summary>A listener takes connections arriving at the local address (or, when unknown, at any address of its family).</summary>
    private static bool Accepts(LocalListener listener, NatAnalysis nat)
    {
        var bind = Normalize(listener.Bind.Address);
        var family = nat.PublicAddress.AddressFamily;
        if (listener.Exposure is { IsWildcard: false, Reach: AddressScope.Loopback })
        {
            return false;
        }

        if (bind.Equals(IPAddress.Any))
        {
            return family == AddressFamily.InterNetwork;
        }

        if (bind.Equals(IPAddress.IPv6Any))
        {
            return family == AddressFamily.InterNetworkV6 || listener.Exposure.AcceptsIpv4 != false;
        }

        return nat.LocalAddress is { } arrival ? bind.Equals(Normalize(arrival)) : bind.AddressFamily == family;
    }

    private static string LocalPhrase(LocalExposure exposure, IReadOnlyList<LocalListener> listeners, string port) => exposure switch
    {
        LocalExposure.Unknown => $"who listens on TCP {port} here is unknown (the socket table cannot be read)",
        LocalExposure.NothingListens => $"nothing listens on TCP {port} here",
        LocalExposure.Listens => $"{Who(listeners)} listens on {Binds(listeners)}",
        _ => $"{Who(listeners)} listens only on {Binds(listeners)}",
    };

    /// <summary>"nginx", "nginx and sshd", "PID 42", "a hidden process".</summary>
    private static string Who(IReadOnlyList<LocalListener> listeners)
    {
        var names = listeners
            .Select(l => l.Process ?? (l.Pid is { } pid ? $"PID {pid.ToString(CultureInfo.InvariantCulture)}" : "a process (owner hidden)"))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return string.Join(" and ", names);
    }

    private static string Binds(IReadOnlyList<LocalListener> listeners) =>
        string.Join(" and ", listeners.Select(l => EndpointNotation.Local(l.Bind)).Distinct(StringComparer.Ordinal));

    /// <summary>Where a forward must point: the local address and port, or "this host" when the address is unknown.</summary>
    private static string ForwardTarget(NatAnalysis nat, string port) =>
        nat.LocalAddress is { } local ? Endpoint(local, port) : $"this host's address, port {port}";

    private static string Wildcard(NatAnalysis nat) =>
        nat.PublicAddress.AddressFamily == AddressFamily.InterNetworkV6 ? "[::]" : "0.0.0.0";

    private static string Endpoint(IPAddress address, string port) => $"{EndpointNotation.Address(address)}:{port}";

    private static string OpenSuffix(OutsidePortResult outside)
    {
        var parts = new List<string>();
        if (outside.ReasonWord is { Length: > 0 } reason)
        {
            parts.Add(reason);
        }

        if (outside.RttMs is { } rtt)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{rtt:0.###} ms"));
        }

        return parts.Count == 0 ? string.Empty : $" ({string.Join(", ", parts)})";
    }

    private static string ReasonSuffix(OutsidePortResult outside) =>
        outside.ReasonWord is { Length: > 0 } reason ? $": {reason}" : string.Empty;

    private static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
