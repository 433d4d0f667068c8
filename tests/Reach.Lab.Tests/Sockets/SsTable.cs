using System.Globalization;
using System.Text.RegularExpressions;

namespace Reach.Lab.Tests.Sockets;

/// <summary>One line of <c>ss -tuanpH</c>, reduced to what reach must agree on.</summary>
public sealed record SsSocket(string Proto, string LocalAddress, int LocalPort, int RemotePort, string? State, int? Pid)
{
    public override string ToString() => $"{Proto} {LocalAddress}:{LocalPort} -> :{RemotePort} {State ?? "-"} pid {Pid?.ToString(CultureInfo.InvariantCulture) ?? "-"}";
}

/// <summary>Parses <c>ss -tuanpH</c>: Netid State Recv-Q Send-Q Local Peer [Process].</summary>
public static partial class SsTable
{
    public static IReadOnlyList<SsSocket> Parse(string output) =>
        [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(ParseLine)];

    private static SsSocket ParseLine(string line)
    {
        var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var (localAddress, localPort) = Endpoint(fields[4]);
        var (_, remotePort) = Endpoint(fields[5]);
        var pid = Pid().Match(line) is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : (int?)null;
        return new SsSocket(fields[0], localAddress, localPort, remotePort, State(fields[0], fields[1]), pid);
    }

    /// <summary>ss's state words in reach's JSON words; UDP has none.</summary>
    private static string? State(string proto, string state) => proto == "udp" ? null : state switch
    {
        "ESTAB" => "established",
        "SYN-RECV" => "syn-recv",
        "UNCONN" => "closed",
        _ => state.ToLowerInvariant(),
    };

    /// <summary><c>127.0.0.1:80</c>, <c>[::1]:80</c>, <c>*:80</c> (ss's dual-stack ::), <c>0.0.0.0:*</c>; drops <c>%lo</c>.</summary>
    private static (string Address, int Port) Endpoint(string text)
    {
        var colon = text.LastIndexOf(':');
        var address = text[..colon].Trim('[', ']');
        var percent = address.IndexOf('%', StringComparison.Ordinal);
        if (percent >= 0)
        {
            address = address[..percent];
        }

        var port = text[(colon + 1)..] == "*" ? 0 : int.Parse(text[(colon + 1)..], CultureInfo.InvariantCulture);
        return (address == "*" ? "::" : address, port);
    }

    /// <summary>
    /// Every PID ss names for each socket (<c>users:(("nginx",pid=11,fd=6),("nginx",pid=10,fd=6))</c>), lowest first,
    /// keyed by the socket without its PID (<see cref="SsSocket.ToString"/> of it with <c>Pid = null</c>).
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<int>> PidsBySocket(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToDictionary(
            line => (ParseLine(line) with { Pid = null }).ToString(),
            line => (IReadOnlyList<int>)[.. Pid().Matches(line).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).Distinct().Order()]);

    [GeneratedRegex(@"pid=(\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex Pid();
}
