namespace Reach.Sockets;

/// <summary>Exposure in words: a short form for table columns and a sentence for <c>reach who</c>.</summary>
public static class ExposureWords
{
    /// <summary>
    /// <c>loopback</c>, <c>private</c>, …; wildcards say what they take and the widest class they reach:
    /// <c>any v4 (private)</c>, <c>any v6 (public)</c>, <c>any v4+v6 (public)</c>, <c>any v6+v4? (public)</c>.
    /// </summary>
    public static string Brief(Exposure exposure)
    {
        ArgumentNullException.ThrowIfNull(exposure);
        if (!exposure.IsWildcard)
        {
            return exposure.Reach.ToWord();
        }

        var families = exposure.AcceptsIpv4 switch
        {
            null => "v4",
            false => "v6",
            true when exposure.Ipv4Guessed => "v6+v4?",
            true => "v4+v6",
        };
        return $"any {families} ({exposure.Reach.ToWord()})";
    }

    /// <summary>
    /// A sentence: "only this machine (loopback)", "any IPv4 address of this host: 10.0.0.5 (private), 203.0.113.7
    /// (public)", "IPv6 only (V6ONLY on): any IPv6 address of this host: …".
    /// </summary>
    public static string Sentence(Exposure exposure, bool? defaultV6Only = null)
    {
        ArgumentNullException.ThrowIfNull(exposure);
        if (!exposure.IsWildcard)
        {
            return exposure.Reach switch
            {
                AddressScope.Loopback => "only this machine (loopback)",
                AddressScope.LinkLocal => "this address only: hosts on the same link (link-local)",
                AddressScope.Private => "this address only: hosts that can route to it, normally the same private network (private)",
                _ => "this address only: any host that can route to it, possibly the internet (public)",
            };
        }

        var covers = exposure.Covers.Count == 0
            ? "no address right now (it takes any address this host gets)"
            : string.Join(", ", exposure.Covers.Select(c => $"{EndpointNotation.Plain(c.Address)} ({c.Scope.ToWord()})"));
        var what = exposure.AcceptsIpv4 switch
        {
            null => "any IPv4 address of this host",
            false when exposure.Ipv4Guessed => "IPv6 only, as far as can be told (the table does not say; the system default is V6ONLY on): any IPv6 address of this host",
            false => "IPv6 only (V6ONLY on): any IPv6 address of this host",
            true when exposure.Ipv4Guessed => $"IPv6, and IPv4 too unless IPV6_V6ONLY is set (the table does not say; {DefaultWords(defaultV6Only)}): any address of this host",
            true => "IPv6 and IPv4 (dual-stack): any address of this host",
        };
        var widest = exposure.Covers.Count > 1
            ? $"; widest: {exposure.Reach.ToWord()}"
            : string.Empty;
        return $"{what}: {covers}{widest}";
    }

    private static string DefaultWords(bool? defaultV6Only) => defaultV6Only switch
    {
        false => "the system default is dual-stack, so this is a guess",
        _ => "assumed dual-stack, a guess",
    };
}
