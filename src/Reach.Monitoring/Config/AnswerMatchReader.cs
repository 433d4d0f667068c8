using Reach.Text;

namespace Reach.Monitoring.Config;

/// <summary>Reads a substring key and a regular-expression key into one <see cref="AnswerMatch"/> (<c>body</c>/<c>body_regex</c>, <c>expect</c>/<c>expect_regex</c>).</summary>
internal static class AnswerMatchReader
{
    /// <summary>The match; null when neither key is given. A bad expression is an error naming its key.</summary>
    public static AnswerMatch? Read(YamlNodeReader reader, MappingFields f, string substringKey, string regexKey)
    {
        // Both are required to be non-empty scalars, so only the expression can still be refused.
        var contains = f[substringKey] is { } s ? reader.RequiredScalar(s, f.PathOf(substringKey)) : null;
        var pattern = f[regexKey] is { } r ? reader.RequiredScalar(r, f.PathOf(regexKey)) : null;
        if (contains is null && pattern is null)
        {
            return null;
        }

        return AnswerMatch.TryCreate(contains, pattern, out var match, out var error)
            ? match
            : throw reader.Error(f[regexKey] ?? f[substringKey]!, f.PathOf(regexKey), error);
    }
}
