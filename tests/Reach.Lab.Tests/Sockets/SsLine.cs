using System.Globalization;
using System.Text.RegularExpressions;

namespace Reach.Lab.Tests.Sockets;

/// <summary>
/// One line of <c>ss -tuanpH</c>: <c>tcp LISTEN 0 128 [::1]:7103 [::]:* users:(("name",pid=1,fd=3))</c>.
/// ss writes <c>*</c> for the address of a dual-stack [::] socket (IPV6_V6ONLY off) and <c>[::]</c> for an IPv6-only one.
/// </summary>
internal sealed partial record SsLine(string Protocol, string State, string Local, string Peer, IReadOnlyList<int> Pids)
{
    public static IReadOnlyList<SsLine> ParseAll(string output) =>
        [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Parse)];

    private static SsLine Parse(string line)
    {
        var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 6)
        {
            throw new FormatException($"unexpected ss line: {line}");
        }

        var pids = Pid().Matches(line).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        return new SsLine(fields[0], fields[1], fields[4], fields[5], pids);
    }

    [GeneratedRegex(@"pid=(\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex Pid();
}
