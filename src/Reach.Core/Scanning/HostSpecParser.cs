using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Reach.Targets;
using Reach.Text;

namespace Reach.Scanning;

/// <summary>
/// Reads one item of a scan's host list: an address (<c>10.0.0.5</c>, <c>fd00::5</c>), a CIDR network
/// (<c>10.0.0.0/24</c>, <c>fd00::/120</c>; host bits may be set, <c>10.0.0.5/24</c> is the whole /24 as in nmap),
/// a range (<c>10.0.0.1-10.0.0.50</c>), a short range on the last IPv4 octet (<c>10.0.0.1-50</c>) or on the last
/// IPv6 group, in hex (<c>fd00::1-ff</c>), or a host name to resolve later.
/// </summary>
public static class HostSpecParser
{
    /// <summary>The most addresses one target spec may hold (2^32: all of IPv4, or an IPv6 /96).</summary>
    public const long MaxAddressesPerSpec = 1L << 32;

    /// <summary>Parses a target spec (at most <see cref="MaxAddressesPerSpec"/> addresses).</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out HostSpec? spec, [NotNullWhen(false)] out string? error) =>
        TryParse(text, HostSpecRole.Target, out spec, out error);

    public static bool TryParse(string? text, HostSpecRole role, [NotNullWhen(true)] out HostSpec? spec, [NotNullWhen(false)] out string? error)
    {
        spec = null;
        var trimmed = (text ?? string.Empty).Trim();
        if (trimmed.Length == 0)
        {
            error = "empty host";
            return false;
        }

        if (!IsAddressForm(trimmed))
        {
            if (!TryValidateName(trimmed, out error))
            {
                return false;
            }

            spec = HostSpec.ForHostName(trimmed, trimmed);
            return true;
        }

        if (!TryParseAddresses(trimmed, out var range, out error))
        {
            return false;
        }

        if (role == HostSpecRole.Target)
        {
            var count = AddressValue.CountOf(range.First, range.Last);
            if (count is null || count.Value > MaxAddressesPerSpec)
            {
                error = $"{trimmed} has {AddressValue.FormatCount(count)} addresses; at most 2^32 can be scanned (use a longer prefix or a smaller range)";
                return false;
            }
        }

        spec = HostSpec.ForRange(trimmed, range);
        return true;
    }

    /// <summary>
    /// Parses a comma-separated list (<c>10.0.0.5,10.0.0.128/25</c>, the form of <c>--exclude</c>). Empty items
    /// (<c>a,,b</c>, a trailing comma) are skipped; a list with no item at all is an error.
    /// </summary>
    public static bool TryParseList(string? text, HostSpecRole role, [NotNullWhen(true)] out IReadOnlyList<HostSpec>? specs, [NotNullWhen(false)] out string? error)
    {
        specs = null;
        var list = new List<HostSpec>();
        foreach (var item in (text ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!TryParse(item, role, out var spec, out error))
            {
                return false;
            }

            list.Add(spec);
        }

        if (list.Count == 0)
        {
            error = "empty host list";
            return false;
        }

        specs = list;
        error = null;
        return true;
    }

    private static bool TryParseAddresses(string text, out AddressRange range, [NotNullWhen(false)] out string? error)
    {
        var slash = text.LastIndexOf('/');
        if (slash >= 0)
        {
            return TryParseNetwork(text, slash, out range, out error);
        }

        var dash = text.IndexOf('-', StringComparison.Ordinal);
        if (dash >= 0)
        {
            return TryParseRange(text, dash, out range, out error);
        }

        range = default;
        if (!TryParseAddress(text, out var address, out error))
        {
            return false;
        }

        range = AddressRange.FromAddress(address);
        return true;
    }

    private static bool TryParseNetwork(string text, int slash, out AddressRange range, [NotNullWhen(false)] out string? error)
    {
        range = default;
        var addressText = text[..slash].Trim();
        var prefixText = text[(slash + 1)..].Trim();
        if (!LooksLikeAddress(addressText))
        {
            error = $"{Printable.Quote(text)}: a network needs an IP address before the '/'";
            return false;
        }

        if (!TryParseAddress(addressText, out var address, out error))
        {
            return false;
        }

        var ipv4 = address.AddressFamily == AddressFamily.InterNetwork;
        var maxPrefix = ipv4 ? 32 : 128;
        if (prefixText.Length == 0 || !prefixText.All(char.IsAsciiDigit))
        {
            error = $"{Printable.Quote(text)}: {Printable.Quote(prefixText)} is not a prefix length (0-{maxPrefix})";
            return false;
        }

        if (prefixText.Length > 3 || int.Parse(prefixText, NumberStyles.None, CultureInfo.InvariantCulture) > maxPrefix)
        {
            error = $"{Printable.Quote(text)}: prefix length {prefixText} is out of range for {(ipv4 ? "IPv4" : "IPv6")} (0-{maxPrefix})";
            return false;
        }

        // IPNetwork clears the host bits: 10.0.0.5/24 is 10.0.0.0/24, as nmap reads it.
        var network = new IPNetwork(address, int.Parse(prefixText, NumberStyles.None, CultureInfo.InvariantCulture));
        range = AddressRange.FromNetwork(network);
        return true;
    }

    private static bool TryParseRange(string text, int dash, out AddressRange range, [NotNullWhen(false)] out string? error)
    {
        range = default;
        var startText = text[..dash].Trim();
        var endText = text[(dash + 1)..].Trim();
        if (!TryParseAddress(startText, out var start, out error))
        {
            return false;
        }

        if (endText.Length == 0)
        {
            error = $"{Printable.Quote(text)}: the range has no end";
            return false;
        }

        var family = start.AddressFamily;
        var first = AddressValue.ToValue(start);
        UInt128 last;
        if (LooksLikeAddress(endText))
        {
            if (!TryParseAddress(endText, out var end, out error))
            {
                return false;
            }

            if (end.AddressFamily != family)
            {
                error = $"{Printable.Quote(text)} mixes IPv4 and IPv6";
                return false;
            }

            last = AddressValue.ToValue(end);
        }
        else if (family == AddressFamily.InterNetwork)
        {
            // 10.0.0.1-50: the end replaces the last octet.
            if (endText.Length > 3 || !endText.All(char.IsAsciiDigit) || int.Parse(endText, NumberStyles.None, CultureInfo.InvariantCulture) > 255)
            {
                error = $"{Printable.Quote(text)}: {Printable.Quote(endText)} is neither an address nor a last octet (0-255)";
                return false;
            }

            last = (first & ~(UInt128)0xFF) | uint.Parse(endText, NumberStyles.None, CultureInfo.InvariantCulture);
        }
        else
        {
            // fd00::1-ff: the end replaces the last 16-bit group, written in hex like the address itself.
            if (endText.Length > 4 || !endText.All(char.IsAsciiHexDigit))
            {
                error = $"{Printable.Quote(text)}: {Printable.Quote(endText)} is neither an address nor a last group (hex, 0-ffff)";
                return false;
            }

            last = (first & ~(UInt128)0xFFFF) | uint.Parse(endText, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        }

        if (last < first)
        {
            error = $"{Printable.Quote(text)} is reversed: {start} comes after {AddressValue.ToAddress(family, last)}";
            return false;
        }

        range = new AddressRange(family, first, last);
        error = null;
        return true;
    }

    /// <summary>A strict address: a dotted quad without leading zeros (no <c>10.1</c>, no octal <c>010</c>) or an IPv6 address.</summary>
    private static bool TryParseAddress(string text, [NotNullWhen(true)] out IPAddress? address, [NotNullWhen(false)] out string? error)
    {
        address = null;
        var inner = text.Length > 2 && text[0] == '[' && text[^1] == ']' ? text[1..^1] : text;
        if (inner.Contains(':', StringComparison.Ordinal))
        {
            if (inner.Contains('%', StringComparison.Ordinal))
            {
                error = $"{Printable.Quote(text)}: a scoped IPv6 address (%zone) cannot be scanned";
                return false;
            }

            if (IPAddress.TryParse(inner, out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6)
            {
                address = v6;
                error = null;
                return true;
            }

            error = inner.IndexOf(':', StringComparison.Ordinal) == inner.LastIndexOf(':')
                ? $"{Printable.Quote(text)} is not an address or host name (ports are given separately, not as host:port)"
                : $"{Printable.Quote(text)} is not a valid IPv6 address";
            return false;
        }

        return IPv4Notation.TryParse(inner, out address, out error);
    }

    private static bool TryValidateName(string text, [NotNullWhen(false)] out string? error)
    {
        if (TargetParser.TryValidateHost(text, out error))
        {
            return true;
        }

        error = text.Contains(':', StringComparison.Ordinal) && text.IndexOf(':', StringComparison.Ordinal) == text.LastIndexOf(':')
            ? $"{Printable.Quote(text)} is not an address or host name (ports are given separately, not as host:port)"
            : error;
        return false;
    }

    /// <summary>
    /// True for text that can only be meant as an address: it has a colon (IPv6), brackets, or is numbers separated by
    /// dots, with at least one dot (<c>10.0.0.1</c>, and the forms only inet_aton reads: <c>127.1</c>, <c>0x7f.1</c>).
    /// Host names may contain digits and dashes (<c>10-0-0-1.example</c>) but not these.
    /// </summary>
    private static bool LooksLikeAddress(string text) =>
        text.Contains(':', StringComparison.Ordinal)
        || text.StartsWith('[')
        || (text.Contains('.', StringComparison.Ordinal) && IPv4Notation.LooksNumeric(text));

    /// <summary>
    /// Whether the text is meant as addresses rather than a host name: it has a '/' (a network), or it looks like an
    /// address, or what precedes its first dash does (a range). <c>web-01</c> and <c>10-0-0-1.example</c> are names.
    /// </summary>
    private static bool IsAddressForm(string text)
    {
        if (text.Contains('/', StringComparison.Ordinal) || LooksLikeAddress(text))
        {
            return true;
        }

        var dash = text.IndexOf('-', StringComparison.Ordinal);
        return dash >= 0 && LooksLikeAddress(text[..dash].Trim());
    }
}
