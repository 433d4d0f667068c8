using System.Net;

namespace Reach.External;

/// <summary>This host's place behind (or in front of) NAT, as far as the reflector's view and the local addresses tell.</summary>
/// <param name="Kind">No NAT, NAT, or carrier-grade NAT.</param>
/// <param name="PublicAddress">This host's address as the reflector sees it.</param>
/// <param name="LocalAddress">
/// The local address connections from outside must arrive at: the public address itself without NAT; behind NAT the
/// address traffic to the reflector left from (what a router's forward must point to). <see langword="null"/> when
/// unknown.
/// </param>
/// <param name="ReflectorIsPrivate">
/// The reflector sees a private or shared address: it is not on the internet, so its answers say what hosts on that
/// network see, not the internet.
/// </param>
public sealed record NatAnalysis(NatKind Kind, IPAddress PublicAddress, IPAddress? LocalAddress, bool ReflectorIsPrivate)
{
    /// <summary>"this host is behind NAT (192.168.1.10 → 203.0.113.7)", "this host has the public address 203.0.113.7 (no NAT)".</summary>
    public string Sentence => Kind switch
    {
        NatKind.None => $"this host has the public address {PublicAddress} itself (no NAT)",
        NatKind.CarrierGradeNat => $"this host is behind carrier-grade NAT ({Local} → {PublicAddress})",
        _ => $"this host is behind NAT ({Local} → {PublicAddress})",
    };

    private string Local => LocalAddress?.ToString() ?? "this host";
}
