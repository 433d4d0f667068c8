using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;
using Reach.Text;

namespace Reach.Targets;

/// <summary>
/// Reads one target: <c>host</c>, <c>host:port</c>, <c>host port</c>, <c>1.2.3.4</c>, <c>::1</c>,
/// <c>[::1]</c>, <c>[::1]:22</c>. The port may be a service name (<c>db01:postgresql</c>).
/// </summary>
public static class TargetParser
{
    private const int MaxHostLength = 253;
    private const int MaxLabelLength = 63;

    public static bool TryParse(string? text, [NotNullWhen(true)] out TargetSpec? target, [NotNullWhen(false)] out string? error)
    {
        target = null;
        var trimmed = (text ?? string.Empty).Trim();
        if (trimmed.Length == 0)
        {
            error = "empty target";
            return false;
        }

        if (trimmed.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || trimmed.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            return TryParseUrl(trimmed, out target, out error);
        }

        if (!TrySplit(trimmed, out var host, out var portText, out error))
        {
            return false;
        }

        if (!TryValidateHost(host, out error))
        {
            return false;
        }

        PortSpec? port = null;
        if (portText is not null)
        {
            if (!PortParser.TryParse(portText, out var parsed, out var portError))
            {
                error = $"{Printable.Quote(trimmed)}: {portError}";
                return false;
            }

            port = parsed;
        }

        target = new TargetSpec(trimmed, host, port);
        return true;
    }

    /// <summary><c>https://host[:port]/path</c>: the host and port (80 or 443 unless given) to probe, and the URL to ask.</summary>
    private static bool TryParseUrl(string text, [NotNullWhen(true)] out TargetSpec? target, [NotNullWhen(false)] out string? error)
    {
        target = null;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Host.Length == 0)
        {
            error = $"{Printable.Quote(text)}: not a valid URL";
            return false;
        }

        if (url.UserInfo.Length > 0)
        {
            error = $"{Printable.Quote(text)}: reach sends no credentials; drop the 'user:password@' part";
            return false;
        }

        var host = url.HostNameType == UriHostNameType.IPv6 ? url.Host[1..^1] : url.IdnHost;
        if (!TryValidateHost(host, out error))
        {
            return false;
        }

        if (!PortParser.TryParse(url.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), out var port, out var portError))
        {
            error = $"{Printable.Quote(text)}: {portError}";
            return false;
        }

        target = new TargetSpec(text, host, port) { Url = url };
        return true;
    }

    private static bool TrySplit(string text, out string host, out string? port, [NotNullWhen(false)] out string? error)
    {
        host = text;
        port = null;
        error = null;

        var space = text.IndexOfAny([' ', '\t']);
        if (space >= 0)
        {
            // "host port", the form of servers.txt files.
            var rest = text[(space + 1)..].Trim();
            if (rest.IndexOfAny([' ', '\t']) >= 0)
            {
                error = $"{Printable.Quote(text)}: expected 'host', 'host:port' or 'host port'";
                return false;
            }

            host = text[..space];
            port = rest;
            if (host.StartsWith('[') && host.EndsWith(']'))
            {
                host = host[1..^1];
            }

            return true;
        }

        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                error = $"{Printable.Quote(text)}: missing ']' after the IPv6 address";
                return false;
            }

            host = text[1..close];
            var after = text[(close + 1)..];
            if (after.Length == 0)
            {
                return true;
            }

            if (after[0] != ':' || after.Length == 1)
            {
                error = $"{Printable.Quote(text)}: expected ':port' after ']'";
                return false;
            }

            port = after[1..];
            return true;
        }

        var firstColon = text.IndexOf(':', StringComparison.Ordinal);
        if (firstColon >= 0 && firstColon == text.LastIndexOf(':'))
        {
            host = text[..firstColon];
            port = text[(firstColon + 1)..];
            if (host.Length == 0 || port.Length == 0)
            {
                error = $"{Printable.Quote(text)}: expected 'host:port'";
                return false;
            }
        }

        // Two or more colons without brackets: a bare IPv6 address, validated below.
        return true;
    }

    internal static bool TryValidateHost(string host, [NotNullWhen(false)] out string? error)
    {
        error = null;
        if (host.Length == 0)
        {
            error = "empty host";
            return false;
        }

        if (host.Contains(':', StringComparison.Ordinal))
        {
            if (IPAddress.TryParse(host, out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6)
            {
                return true;
            }

            error = $"{Printable.Quote(host)} is not a valid IPv6 address (write [addr]:port to give a port)";
            return false;
        }

        if (IPv4Notation.LooksNumeric(host))
        {
            // Only the dotted quad: inet_aton's short, hex and octal forms (127.1, 0x7f.1, 010.0.0.1) surprise people.
            return IPv4Notation.TryParse(host, out _, out error);
        }

        var name = host.EndsWith('.') ? host[..^1] : host;
        if (name.Length > MaxHostLength)
        {
            error = $"host name {Printable.Quote(host)} is longer than {MaxHostLength} characters";
            return false;
        }

        foreach (var label in name.Split('.'))
        {
            if (label.Length is 0 or > MaxLabelLength || label.StartsWith('-') || label.EndsWith('-')
                || !label.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                error = $"{Printable.Quote(host)} is not a valid host name";
                return false;
            }
        }

        return true;
    }
}
