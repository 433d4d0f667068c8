using System.Diagnostics.CodeAnalysis;

namespace Reach.Sockets;

/// <summary>
/// The words for TCP states: netstat's upper-case names for tables (<c>LISTEN</c>, <c>CLOSE_WAIT</c>), lower-case
/// ss-style names for JSON and <c>--state</c> (<c>listen</c>, <c>close-wait</c>), and a parser that accepts both
/// spellings (<c>estab</c>, <c>CLOSE_WAIT</c>, <c>fin-wait-1</c>, <c>FIN_WAIT1</c>).
/// </summary>
public static class TcpStateNames
{
    /// <summary>The spellings <c>--state</c> lists in its error message.</summary>
    public const string Valid = "listen, established (estab), syn-sent, syn-recv, fin-wait-1, fin-wait-2, close-wait, closing, last-ack, time-wait, closed";

    private static readonly Dictionary<string, TcpSocketState> ByName = new(StringComparer.Ordinal)
    {
        ["listen"] = TcpSocketState.Listen,
        ["listening"] = TcpSocketState.Listen,
        ["established"] = TcpSocketState.Established,
        ["estab"] = TcpSocketState.Established,
        ["synsent"] = TcpSocketState.SynSent,
        ["synrecv"] = TcpSocketState.SynReceived,
        ["synreceived"] = TcpSocketState.SynReceived,
        ["synrcvd"] = TcpSocketState.SynReceived,
        ["finwait1"] = TcpSocketState.FinWait1,
        ["finwait2"] = TcpSocketState.FinWait2,
        ["closewait"] = TcpSocketState.CloseWait,
        ["closing"] = TcpSocketState.Closing,
        ["lastack"] = TcpSocketState.LastAck,
        ["timewait"] = TcpSocketState.TimeWait,
        ["closed"] = TcpSocketState.Closed,
        ["close"] = TcpSocketState.Closed,
    };

    /// <summary>Reads one state name, ignoring case, <c>-</c> and <c>_</c>.</summary>
    public static bool TryParse(string? text, out TcpSocketState state, [NotNullWhen(false)] out string? error)
    {
        var key = new string((text ?? string.Empty).Where(char.IsAsciiLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
        if (ByName.TryGetValue(key, out state))
        {
            error = null;
            return true;
        }

        error = $"unknown TCP state '{text?.Trim()}' (valid: {Valid})";
        return false;
    }

    /// <summary>Reads a comma-separated list of state names.</summary>
    public static bool TryParseList(string? text, [NotNullWhen(true)] out IReadOnlySet<TcpSocketState>? states, [NotNullWhen(false)] out string? error)
    {
        var set = new HashSet<TcpSocketState>();
        foreach (var part in (text ?? string.Empty).Split(',', StringSplitOptions.TrimEntries))
        {
            if (!TryParse(part, out var state, out error))
            {
                states = null;
                return false;
            }

            set.Add(state);
        }

        states = set;
        error = null;
        return true;
    }

    /// <summary>netstat's name, for tables: <c>LISTEN</c>, <c>ESTABLISHED</c>, <c>CLOSE_WAIT</c>.</summary>
    public static string ToTableWord(this TcpSocketState state) => state switch
    {
        TcpSocketState.Listen => "LISTEN",
        TcpSocketState.SynSent => "SYN_SENT",
        TcpSocketState.SynReceived => "SYN_RECV",
        TcpSocketState.Established => "ESTABLISHED",
        TcpSocketState.FinWait1 => "FIN_WAIT1",
        TcpSocketState.FinWait2 => "FIN_WAIT2",
        TcpSocketState.CloseWait => "CLOSE_WAIT",
        TcpSocketState.Closing => "CLOSING",
        TcpSocketState.LastAck => "LAST_ACK",
        TcpSocketState.TimeWait => "TIME_WAIT",
        TcpSocketState.Closed => "CLOSED",
        TcpSocketState.DeleteTcb => "DELETE_TCB",
        _ => "UNKNOWN",
    };

    /// <summary>The JSON and <c>--state</c> name: <c>listen</c>, <c>established</c>, <c>close-wait</c>.</summary>
    public static string ToWord(this TcpSocketState state) => state switch
    {
        TcpSocketState.Listen => "listen",
        TcpSocketState.SynSent => "syn-sent",
        TcpSocketState.SynReceived => "syn-recv",
        TcpSocketState.Established => "established",
        TcpSocketState.FinWait1 => "fin-wait-1",
        TcpSocketState.FinWait2 => "fin-wait-2",
        TcpSocketState.CloseWait => "close-wait",
        TcpSocketState.Closing => "closing",
        TcpSocketState.LastAck => "last-ack",
        TcpSocketState.TimeWait => "time-wait",
        TcpSocketState.Closed => "closed",
        TcpSocketState.DeleteTcb => "delete-tcb",
        _ => "unknown",
    };
}
