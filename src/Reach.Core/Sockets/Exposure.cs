namespace Reach.Sockets;

/// <summary>Who can reach a socket through its local (bind) address.</summary>
/// <param name="IsWildcard">Bound to <c>0.0.0.0</c> or <c>::</c>: every address of this machine of that family.</param>
/// <param name="Reach">The widest class: of the address itself, or of the widest address a wildcard covers.</param>
/// <param name="Covers">For wildcards, this machine's addresses the socket accepts connections on; empty otherwise.</param>
/// <param name="AcceptsIpv4">
/// For a <c>::</c> wildcard: whether it takes IPv4 connections too (IPV6_V6ONLY off); <see langword="null"/> for
/// every other socket.
/// </param>
/// <param name="Ipv4Guessed">
/// <see cref="AcceptsIpv4"/> is the system default (Linux <c>net.ipv6.bindv6only</c>), not the socket's own flag,
/// because the table could not tell (the /proc fallback, Windows).
/// </param>
public sealed record Exposure(
    bool IsWildcard,
    AddressScope Reach,
    IReadOnlyList<CoveredAddress> Covers,
    bool? AcceptsIpv4 = null,
    bool Ipv4Guessed = false)
{
    /// <summary>The class in one word: <c>any</c> for wildcards, else the address's class.</summary>
    public string ClassWord => IsWildcard ? "any" : Reach.ToWord();

    /// <summary>
    /// A number that grows with exposure, to tell "more exposed": the widest class first, then a wildcard over one
    /// address of the same class (it also takes addresses added later), then IPv4 on top of IPv6.
    /// </summary>
    public int Width => ((int)Reach * 4) + (IsWildcard ? 2 : 0) + (AcceptsIpv4 == true ? 1 : 0);
}
