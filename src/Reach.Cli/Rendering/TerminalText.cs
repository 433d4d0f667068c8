using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Reach.Cli.Rendering;

/// <summary>
/// Makes text another program chose (a process's name and command line, a user name, a path) safe to print on a
/// terminal as one line: control characters (ESC sequences that recolour or rewrite the screen, NUL, CR, LF, DEL, the
/// C1 range), Unicode format characters (bidirectional overrides, zero-width characters), line and paragraph
/// separators and broken surrogates become escapes: <c>\n</c>, <c>\r</c>, <c>\t</c>, <c>\x1b</c>, <c>\u202e</c>.
/// Everything else, non-ASCII letters included, is kept; a backslash too, so the result is for reading, not reversible.
/// The human views escape; JSON escapes by itself and CSV quotes, so both keep the exact value.
/// </summary>
/// <remarks>
/// The same rules as the escaping of input echoed in error messages (issue 13, item 9), kept in this one file until
/// both share a helper.
/// </remarks>
internal static class TerminalText
{
    [return: NotNullIfNotNull(nameof(text))]
    public static string? Escape(string? text)
    {
        if (text is null || IndexOfUnprintable(text) < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                var scalar = char.ConvertToUtf32(c, text[i + 1]);
                if (IsUnprintable(CharUnicodeInfo.GetUnicodeCategory(scalar)))
                {
                    builder.Append(CultureInfo.InvariantCulture, $"\\U{scalar:x8}");
                }
                else
                {
                    builder.Append(c).Append(text[i + 1]);
                }

                i++;
                continue;
            }

            if (!IsUnprintable(c))
            {
                builder.Append(c);
                continue;
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

        return builder.ToString();
    }

    private static int IndexOfUnprintable(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                if (IsUnprintable(CharUnicodeInfo.GetUnicodeCategory(char.ConvertToUtf32(c, text[++i]))))
                {
                    return i - 1;
                }

                continue;
            }

            if (IsUnprintable(c))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>A lone surrogate, or a character of a category that moves, hides or breaks what the terminal shows.</summary>
    private static bool IsUnprintable(char c) => char.IsSurrogate(c) || IsUnprintable(char.GetUnicodeCategory(c));

    private static bool IsUnprintable(UnicodeCategory category) => category is
        UnicodeCategory.Control                // C0, DEL, C1: ESC sequences, NUL, CR, LF, CSI
        or UnicodeCategory.Format              // bidi overrides and isolates, zero-width characters, BOM
        or UnicodeCategory.LineSeparator       // U+2028
        or UnicodeCategory.ParagraphSeparator; // U+2029
}
