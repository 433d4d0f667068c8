using System.Text.RegularExpressions;
using Reach.Text;

namespace Reach.Cli.Infrastructure;

/// <summary>System.CommandLine's conversion errors name .NET types ("System.Nullable`1[System.Int32]"); say it in words.</summary>
internal static partial class ParseErrorText
{
    public static string Simplify(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var match = CannotParse().Match(message);
        if (!match.Success)
        {
            return message;
        }

        var type = match.Groups["type"].Value;
        var kind = type.Contains("Int", StringComparison.Ordinal) ? "a whole number"
            : type.Contains("Double", StringComparison.Ordinal) || type.Contains("Decimal", StringComparison.Ordinal) ? "a number"
            : "a valid value";
        return $"{match.Groups["option"].Value}: {Printable.Quote(match.Groups["value"].Value)} is not {kind}";
    }

    [GeneratedRegex(@"^Cannot parse argument '(?<value>.*)' for (?:option|argument) '(?<option>[^']*)' as expected type '(?<type>[^']*)'\.?$")]
    private static partial Regex CannotParse();
}
