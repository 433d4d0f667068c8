using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Reach.Text;

/// <summary>
/// What an answer must contain: a plain substring (case-sensitive, as grep -F), a regular expression, or both. The
/// expression runs with <see cref="RegexOptions.NonBacktracking"/>, so its time grows linearly with the answer: a
/// hostile server cannot make a watch spin on a pattern (back-references and look-arounds are refused up front).
/// </summary>
public sealed class AnswerMatch
{
    private AnswerMatch(string? contains, Regex? pattern)
    {
        Contains = contains;
        Pattern = pattern;
    }

    /// <summary>The most characters of an answer shown in an excerpt.</summary>
    public const int MaxExcerpt = 200;

    /// <summary>A substring the answer must contain; null: none asked.</summary>
    public string? Contains { get; }

    /// <summary>An expression that must match somewhere in the answer; null: none asked.</summary>
    public Regex? Pattern { get; }

    /// <summary>The match, or an error naming what is wrong with the expression; neither given is an error too.</summary>
    public static bool TryCreate(string? contains, string? pattern, [NotNullWhen(true)] out AnswerMatch? match, [NotNullWhen(false)] out string? error)
    {
        match = null;
        if (contains is null && pattern is null)
        {
            error = "nothing to match: give a substring or a regular expression";
            return false;
        }

        if (contains is { Length: 0 })
        {
            error = "the substring is empty (it would match anything)";
            return false;
        }

        Regex? regex = null;
        if (pattern is not null)
        {
            try
            {
                regex = new Regex(pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant | RegexOptions.Multiline);
            }
            catch (ArgumentException ex)
            {
                error = $"{Printable.Quote(pattern)} is not a valid regular expression: {Printable.OneLine(ex.Message, 200)}";
                return false;
            }
            catch (NotSupportedException)
            {
                error = $"{Printable.Quote(pattern)} uses back-references, look-arounds or atomic groups, which reach does not run on answers from the network";
                return false;
            }
        }

        match = new AnswerMatch(contains, regex);
        error = null;
        return true;
    }

    /// <summary>Whether the text holds the substring and matches the expression (each when given).</summary>
    public bool IsMatch(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return (Contains is null || text.Contains(Contains, StringComparison.Ordinal))
            && (Pattern is null || Pattern.IsMatch(text));
    }

    /// <summary><c>"ok"</c>, <c>/^220 /</c>, <c>"ok" and /v\d+/</c>: for messages (one printable line).</summary>
    public override string ToString()
    {
        var parts = new List<string>(2);
        if (Contains is not null)
        {
            parts.Add($"\"{Printable.OneLine(Contains, 100)}\"");
        }

        if (Pattern is not null)
        {
            parts.Add($"/{Printable.OneLine(Pattern.ToString(), 100)}/");
        }

        return string.Join(" and ", parts);
    }

    /// <summary>The line that matched (or the answer's start) as one printable line, cut at <see cref="MaxExcerpt"/>.</summary>
    public static string Excerpt(string answer, AnswerMatch? matched)
    {
        var at = matched is null ? 0
            : matched.Contains is { } contains ? answer.IndexOf(contains, StringComparison.Ordinal)
            : matched.Pattern!.Match(answer).Index;
        var start = at <= 0 ? 0 : answer.LastIndexOf('\n', at - 1) + 1;
        var line = answer.AsSpan(start);
        var end = line.IndexOf('\n');
        if (end >= 0)
        {
            line = line[..end];
        }

        return Printable.OneLine(line.TrimEnd('\r').ToString(), MaxExcerpt);
    }
}
