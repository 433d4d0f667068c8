using System.Net;
using System.Net.Sockets;

namespace Reach.Sockets;

/// <summary>
/// Works out the <see cref="Exposure"/> of bind addresses against this machine's interface addresses. Wildcard
/// coverage is computed once per kind (IPv4, IPv6 only, dual-stack): a table of 20,000 sockets has a handful.
/// </summary>
public sealed class ExposureCalculator
{
    // A specific bind's exposure is its class alone: four shared objects instead of one per socket.
    private static readonly Exposure[] Specific =
        [.. Enum.GetValues<AddressScope>().Select(scope => new Exposure(false, scope, []))];

    private readonly Exposure _anyV4;
    private readonly Exposure _anyV6Only;
    private readonly Exposure _anyDualStack;
    private readonly Exposure _anyV6OnlyGuessed;
    private readonly Exposure _anyDualStackGuessed;

    /// <param name="interfaceAddresses">This machine's addresses (see <see cref="IInterfaceAddressSource"/>).</param>
    /// <param name="defaultV6Only">
    /// The system's default for IPV6_V6ONLY, used (and marked as a guess) when a row does not carry the socket's
    /// own flag; <see langword="null"/> when unknown, then dual-stack is assumed as on Linux and macOS.
    /// </param>
    public ExposureCalculator(IReadOnlyList<IPAddress> interfaceAddresses, bool? defaultV6Only)
    {
        ArgumentNullException.ThrowIfNull(interfaceAddresses);
        DefaultV6Only = defaultV6Only;
        var classified = interfaceAddresses
            .Select(a => a.IsIPv4MappedToIPv6 ? a.MapToIPv4() : a)
            .Distinct()
            .OrderBy(a => a.AddressFamily == AddressFamily.InterNetwork ? 0 : 1)
            .ThenBy(a => a, AddressOrder.Instance)
            .Select(a => new CoveredAddress(a, AddressScopes.Classify(a)))
            .ToList();
        var v4 = classified.Where(c => c.Address.AddressFamily == AddressFamily.InterNetwork).ToList();
        var v6 = classified.Where(c => c.Address.AddressFamily == AddressFamily.InterNetworkV6).ToList();
        _anyV4 = Wildcard(v4, acceptsIpv4: null);
        _anyV6Only = Wildcard(v6, acceptsIpv4: false);
        _anyDualStack = Wildcard([.. v4, .. v6], acceptsIpv4: true);
        _anyV6OnlyGuessed = _anyV6Only with { Ipv4Guessed = true };
        _anyDualStackGuessed = _anyDualStack with { Ipv4Guessed = true };
    }

    public bool? DefaultV6Only { get; }

    /// <summary>The exposure of a socket bound to <paramref name="local"/>.</summary>
    /// <param name="local">The bind address.</param>
    /// <param name="v6Only">The socket's IPV6_V6ONLY flag when the table reports it.</param>
    public Exposure Evaluate(IPAddress local, bool? v6Only)
    {
        ArgumentNullException.ThrowIfNull(local);
        if (local.IsIPv4MappedToIPv6)
        {
            local = local.MapToIPv4();
        }

        if (local.Equals(IPAddress.Any))
        {
            return _anyV4;
        }

        if (local.Equals(IPAddress.IPv6Any))
        {
            return v6Only switch
            {
                true => _anyV6Only,
                false => _anyDualStack,
                null => DefaultV6Only == true ? _anyV6OnlyGuessed : _anyDualStackGuessed,
            };
        }

        return Specific[(int)AddressScopes.Classify(local)];
    }

    public Exposure Evaluate(SocketRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return Evaluate(row.Local.Address, row.V6Only);
    }

    // With no known address, a wildcard is not called narrow: it takes whatever address this host has or gets.
    private static Exposure Wildcard(List<CoveredAddress> covers, bool? acceptsIpv4) =>
        new(true, covers.Count == 0 ? AddressScope.Public : covers.Max(c => c.Scope), covers, acceptsIpv4);
}
