namespace Reach.Services;

/// <summary>String distances used to suggest a known service name for a mistyped one.</summary>
internal static class EditDistance
{
    /// <summary>The Levenshtein distance (insertions, deletions, substitutions) between two strings, ignoring ASCII case.</summary>
    public static int Levenshtein(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (a.Length < b.Length)
        {
            var swap = a;
            a = b;
            b = swap;
        }

        if (b.IsEmpty)
        {
            return a.Length;
        }

        // One row of the dynamic-programming table, over the shorter string.
        Span<int> row = b.Length <= 128 ? stackalloc int[b.Length + 1] : new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            row[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            var diagonal = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var above = row[j];
                var cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                row[j] = Math.Min(Math.Min(row[j - 1] + 1, above + 1), diagonal + cost);
                diagonal = above;
            }
        }

        return row[b.Length];
    }

    /// <summary>How many leading characters two strings share, ignoring ASCII case.</summary>
    public static int CommonPrefixLength(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        var length = Math.Min(a.Length, b.Length);
        var i = 0;
        while (i < length && char.ToLowerInvariant(a[i]) == char.ToLowerInvariant(b[i]))
        {
            i++;
        }

        return i;
    }
}
