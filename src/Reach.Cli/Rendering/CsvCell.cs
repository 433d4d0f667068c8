using System.Buffers;

namespace Reach.Cli.Rendering;

/// <summary>
/// One CSV cell of text reach does not choose: a banner, a certificate subject, a host name, a process or user name.
/// A spreadsheet (Excel, LibreOffice) runs a cell that starts with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a
/// line break as a formula (<c>=HYPERLINK(…)</c> leaks data, DDE runs commands), so such a cell is written after a
/// single quote, which the spreadsheet shows as text (OWASP's advice for CSV injection). Numbers, addresses and reach's
/// own words are written as they are: a negative number stays a number.
/// </summary>
internal static class CsvCell
{
    private static readonly SearchValues<char> NeedQuotes = SearchValues.Create(",\"\r\n;\t");

    /// <summary>A cell of text from elsewhere: neutralized, then quoted as RFC 4180 asks.</summary>
    public static string Text(string? text) => string.IsNullOrEmpty(text)
        ? string.Empty
        : Quote(text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' or '\n' ? "'" + text : text);

    /// <summary>
    /// RFC 4180: a cell holding a comma, a quote or a line break is quoted, its quotes doubled. A semicolon or a tab
    /// too: Excel splits on ';' where the decimal mark is a comma, and LibreOffice may split on tabs, and a quoted
    /// cell stays one cell whatever separator is chosen.
    /// </summary>
    private static string Quote(string text) => text.AsSpan().ContainsAny(NeedQuotes)
        ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\""
        : text;
}
