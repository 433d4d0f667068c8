using System.Diagnostics.CodeAnalysis;
using Reach.Text;

namespace Reach.Cli.Rendering;

/// <summary>
/// Makes text another program chose (a process's name and command line, a user name, a path) safe to print on a
/// terminal as one line, by the rules of <see cref="Printable"/>, the one helper that also escapes input echoed in
/// error messages: control and format characters, line separators and broken surrogates become escapes (<c>\n</c>,
/// <c>\x1b</c>, <c>\u202e</c>). The human views escape; JSON escapes by itself and CSV quotes, so both keep the exact
/// value.
/// </summary>
internal static class TerminalText
{
    /// <summary>The text as one printable line; null stays null (an unknown owner is shown as "?" by the caller).</summary>
    [return: NotNullIfNotNull(nameof(text))]
    public static string? Escape(string? text) => text is null ? null : Printable.OneLine(text);
}
