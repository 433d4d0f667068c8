using System.Net;
using System.Net.Sockets;
using Reach.Sockets;

namespace Reach.External;

/// <summary>Compares the address the reflector sees with this host's interface addresses.</summary>
public static class NatAnalyzer
{
    /// <param name="publicAddress">This host's address as the reflector sees it.</param>
    /// <param name="outgoingAddress">The local address of the connection to the reflector, when known.</param>
    /// <param name="interfaceAddresses">This host's addresses.</param>
    public static NatAnalysis Analyze(IPAddress publicAddress, IPAddress? outgoingAddress, IReadOnlyList<IPAddress> interfaceAddresses)
    {
        ArgumentNullException.ThrowIfNull(publicAddress);
        ArgumentNullException.ThrowIfNull(interfaceAddresses);
        var seen = Normalize(publicAddress);
        var own = interfaceAddresses.Select(Normalize).ToList();
        var reflectorIsPrivate = AddressScopes.Classify(seen) != AddressScope.Public;

        if (own.Contains(seen))
        {
            return new NatAnalysis(NatKind.None, seen, seen, reflectorIsPrivate);
        }

        var local = LocalSide(seen.AddressFamily, outgoingAddress is null ? null : Normalize(outgoingAddress), own);
        var carrierGrade = local is not null ? IsSharedAddressSpace(local) : own.Any(IsSharedAddressSpace);
        return new NatAnalysis(carrierGrade ? NatKind.CarrierGradeNat : NatKind.Nat, seen, local, reflectorIsPrivate);
    }

    /// <summary>100.64.0.0/10 (RFC 6598): the provider's side of carrier-grade NAT.</summary>
    public static bool IsSharedAddressSpace(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        address = Normalize(address);
        if (address.AddressFamily != AddressFamily.InterNetwork)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[4];
        address.TryWriteBytes(bytes, out _);
        return bytes[0] == 100 && (bytes[1] & 0xC0) == 64;
    }

    /// <summary>
    /// The address connections from outside arrive at: the one traffic to the reflector left from, else the first
    /// routable address of the same family (loopback and link-local never are).
    /// </summary>
    private static IPAddress? LocalSide(AddressFamily family, IPAddress? outgoing, List<IPAddress> own)
    {
        if (outgoing is not null && outgoing.AddressFamily == family && IsRoutable(outgoing))
        {
            return outgoing;
        }

        return own
            .Where(a => a.AddressFamily == family && IsRoutable(a))
            .OrderBy(a => a, AddressOrder.Instance)
            .FirstOrDefault();
    }

    /// <summary>Not loopback (a reflector on this very host), not link-local, not a wildcard.</summary>
    private static bool IsRoutable(IPAddress address) =>
        !SocketRows.IsUnspecified(address) && AddressScopes.Classify(address) is AddressScope.Private or AddressScope.Public;

    private static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
