using System.Globalization;
using System.Text;

namespace Reach.Text;

/// <summary>
/// Turns text reach did not write itself (arguments, lines of a target file, names and messages from the network) into
/// one printable line before it is quoted in a message: control characters (ESC sequences that recolour or rewrite the
/// terminal, NUL, CR, LF, DEL, the C1 range), Unicode format characters (bidirectional overrides that reorder what is
/// shown, zero-width characters), line and paragraph separators and broken surrogates are written as escapes
/// (<c>\n</c>, <c>\r</c>, <c>\t</c>, <c>\x1b</c>, <c>\u202e</c>). Everything else, non-ASCII letters included, is
/// kept. A backslash is kept as it is (Windows paths stay readable), so the escaping is for reading, not reversible.
/// </summary>
public static class Printable
{
    /// <summary>
    /// The most characters of the original text <see cref="Quote(string?)"/> shows (a host name has at most 253); the
    /// rest becomes "…".
    /// </summary>
    public const int QuoteLength = 256;

    /// <summary>The text as one printable line (never truncated).</summary>
    public static string OneLine(string? text) => OneLine(text, int.MaxValue);

    /// <summary>
    /// The text as one printable line, cut after <paramref name="maxLength"/> characters of the original with "…"
    /// (a 1 MB line in a target file is named by its start, not printed whole).
    /// </summary>
    public static string OneLine(string? text, int maxLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxLength);
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var cut = text.Length > maxLength;
        var length = cut ? maxLength : text.Length;
        if (cut && length > 0 && char.IsHighSurrogate(text[length - 1]))
        {
            length--; // never split a pair: the half left would be escaped as a broken one
        }

        var shown = text.AsSpan(0, length);
        if (!cut && IndexOfUnprintable(shown) < 0)
        {
            return text;
        }

        var builder = new StringBuilder(length + 16);
        for (var i = 0; i < shown.Length; i++)
        {
            var c = shown[i];
            if (char.IsHighSurrogate(c) && i + 1 < shown.Length && char.IsLowSurrogate(shown[i + 1]))
            {
                var scalar = char.ConvertToUtf32(c, shown[i + 1]);
                if (IsUnprintable(CharUnicodeInfo.GetUnicodeCategory(scalar)))
                {
                    builder.Append(CultureInfo.InvariantCulture, $"\\U{scalar:x8}");
                }
                else
                {
                    builder.Append(c).Append(shown[i + 1]);
                }

                i++;
                continue;
            }

            AppendChar(builder, c);
        }

        if (cut)
        {
            builder.Append('…');
        }

        return builder.ToString();
    }

    /// <summary>
    /// The text in single quotes as one printable line, cut after <see cref="QuoteLength"/> characters: the way an
    /// error message names the bad part (<c>'10.0.0.256' is not a valid IPv4 address</c>).
    /// </summary>
    public static string Quote(string? text) => $"'{OneLine(text, QuoteLength)}'";

    /// <summary>Whether the text holds something <see cref="OneLine(string?)"/> would escape.</summary>
    public static bool IsPrintable(string? text) => string.IsNullOrEmpty(text) || IndexOfUnprintable(text) < 0;

    private static int IndexOfUnprintable(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                if (IsUnprintable(CharUnicodeInfo.GetUnicodeCategory(char.ConvertToUtf32(c, text[i + 1]))))
                {
                    return i;
                }

                i++;
                continue;
            }

            if (IsUnprintable(c))
            {
                return i;
            }
        }

        return -1;
    }

    private static void AppendChar(StringBuilder builder, char c)
    {
        if (!IsUnprintable(c))
        {
            builder.Append(c);
            return;
        }

        switch (c)
        {
            case '\t':
                builder.Append("\\t");
                break;
            case '\n':
                builder.Append("\\n");
                break;
            case '\r':
                builder.Append("\\r");
                break;
            case < '\u0100':
                builder.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}");
                break;
            default:
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
                break;
        }
    }

    /// <summary>A lone surrogate, or a character of a category that moves, hides or breaks what the terminal shows.</summary>
    private static bool IsUnprintable(char c) => char.IsSurrogate(c) || IsUnprintable(char.GetUnicodeCategory(c));

    private static bool IsUnprintable(UnicodeCategory category) => category is
        UnicodeCategory.Control             // C0, DEL, C1: ESC sequences, NUL, CR, LF, CSI
        or UnicodeCategory.Format           // bidi overrides and isolates, zero-width characters, BOM
        or UnicodeCategory.LineSeparator    // U+2028
        or UnicodeCategory.ParagraphSeparator // U+2029
        or UnicodeCategory.Surrogate;
}
