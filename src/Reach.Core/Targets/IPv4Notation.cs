using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using Reach.Text;

namespace Reach.Targets;

/// <summary>
/// IPv4 addresses as reach reads them: only the dotted quad, four decimal numbers 0-255 without leading zeros.
/// inet_aton, and with it getaddrinfo, ping and curl, also reads short forms (<c>127.1</c>, <c>10</c>), hex
/// (<c>0x7f.1</c>) and octal (<c>010.0.0.1</c> is 8.0.0.1). Text made of such numbers is never a host name (the
/// resolver would read it as an address before asking DNS), so every command refuses all of these forms with the same
/// error, which says what the other tools would make of it.
/// </summary>
internal static class IPv4Notation
{
    private static readonly SearchValues<char> DecimalDigits = SearchValues.Create("0123456789");

    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdefABCDEF");

    /// <summary>
    /// Whether the text is numbers separated by dots (decimal, or hex with 0x), as inet_aton would try to read it:
    /// meant as an IPv4 address, never a host name. <c>0x7f.1</c>, <c>127.1</c>, <c>10.0.0.1.</c> are; <c>0xdead.example</c> is not.
    /// </summary>
    public static bool LooksNumeric(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var any = false;
        foreach (var range in text.AsSpan().Split('.'))
        {
            var part = text.AsSpan(range);
            if (part.IsEmpty)
            {
                continue;
            }

            any = true;
            var isHex = part.Length >= 2 && part[0] == '0' && part[1] is 'x' or 'X';
            var digits = isHex ? part[2..] : part;
            if (isHex ? digits.ContainsAnyExcept(HexDigits) : digits.ContainsAnyExcept(DecimalDigits))
            {
                return false;
            }
        }

        return any;
    }

    /// <summary>Parses a dotted quad; anything else is an error naming the text (and what inet_aton reads in it).</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out IPAddress? address, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        address = null;
        var parts = text.Split('.');
        if (parts.Length == 4 && parts.All(p => p.Length is > 0 and <= 3 && p.All(char.IsAsciiDigit)))
        {
            Span<byte> bytes = stackalloc byte[4];
            var strict = true;
            for (var i = 0; i < 4; i++)
            {
                var value = int.Parse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture);
                if (value > 255)
                {
                    error = $"{Printable.Quote(text)} is not a valid IPv4 address ({parts[i]} is over 255)";
                    return false;
                }

                strict &= parts[i].Length == 1 || parts[i][0] != '0';
                bytes[i] = (byte)value;
            }

            if (strict)
            {
                address = new IPAddress(bytes);
                error = null;
                return true;
            }
        }

        error = TryReadLikeInetAton(parts, out var meaning)
            ? $"{Printable.Quote(text)} is not a valid IPv4 address: write four decimal numbers without leading zeros (other tools would read it as {meaning})"
            : $"{Printable.Quote(text)} is not a valid IPv4 address";
        return false;
    }

    /// <summary>
    /// What inet_aton makes of the parts: 1 to 4 numbers (0x hex, 0 octal, else decimal), the last filling the bytes
    /// the others leave (<c>127.1</c> is 127.0.0.1, <c>10</c> is 0.0.0.10).
    /// </summary>
    private static bool TryReadLikeInetAton(string[] parts, [NotNullWhen(true)] out IPAddress? address)
    {
        address = null;
        if (parts.Length is 0 or > 4)
        {
            return false;
        }

        var values = new ulong[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!TryReadNumber(parts[i], out values[i]))
            {
                return false;
            }
        }

        // Every part but the last is one byte; the last fills the rest.
        var lastBits = 8 * (5 - parts.Length);
        if (values[..^1].Any(v => v > 255) || (lastBits < 64 && values[^1] >> lastBits != 0))
        {
            return false;
        }

        ulong value = 0;
        for (var i = 0; i < parts.Length - 1; i++)
        {
            value |= values[i] << (24 - (8 * i));
        }

        value |= values[^1];
        address = new IPAddress(new[] { (byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value });
        return true;
    }

    private static bool TryReadNumber(string part, out ulong value)
    {
        value = 0;
        if (part.Length == 0)
        {
            return false;
        }

        if (part.Length >= 2 && part[0] == '0' && part[1] is 'x' or 'X')
        {
            // glibc reads a bare "0x" as 0.
            return part.Length == 2 || (part.Length <= 18 && ulong.TryParse(part.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value));
        }

        if (part.Length > 1 && part[0] == '0')
        {
            foreach (var c in part.AsSpan(1))
            {
                if (c is < '0' or > '7' || value > ulong.MaxValue >> 3)
                {
                    return false;
                }

                value = (value << 3) + (uint)(c - '0');
            }

            return true;
        }

        return part.All(char.IsAsciiDigit) && ulong.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
