using System.Globalization;

namespace Reach.Sockets;

/// <summary>User names by uid from /etc/passwd text (<c>name:x:uid:gid:…</c>); pure, tested on every OS.</summary>
internal static class PasswdFile
{
    /// <summary>Maps each uid to its first name in the file; lines that do not decode are ignored (comments, NIS "+").</summary>
    public static Dictionary<int, string> Parse(ReadOnlySpan<char> text)
    {
        var names = new Dictionary<int, string>();
        Span<Range> fields = stackalloc Range[4];
        foreach (var line in text.EnumerateLines())
        {
            if (line.Split(fields, ':') >= 4
                && line[fields[0]].Length > 0
                && int.TryParse(line[fields[2]], NumberStyles.None, CultureInfo.InvariantCulture, out var uid))
            {
                names.TryAdd(uid, line[fields[0]].ToString());
            }
        }

        return names;
    }
}
