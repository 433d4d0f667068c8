using System.Globalization;
using Reach.Sockets;

namespace Reach.Cli.Rendering.Sockets;

/// <summary>The text of one socket's cells, shared by the table, CSV and <c>reach who</c>.</summary>
internal static class SocketCells
{
    /// <summary>The hint printed on stderr when the table hid some owners.</summary>
    public static string HiddenOwnersHint(string command) => OperatingSystem.IsWindows()
        ? $"reach: some owners are hidden: run as Administrator ({command} in an elevated prompt) to see them"
        : $"reach: some owners are hidden: run as root (sudo {command}) to see them";

    public static string State(SocketRow row) => row.State?.ToTableWord() ?? (row.IsListening() ? "UNCONN" : string.Empty);

    /// <summary>The PID; <c>?</c> when the owner cannot be seen, <c>-</c> when no process holds the socket (TIME_WAIT).</summary>
    public static string Pid(SocketView view) =>
        (view.Entry.Owner?.Pid ?? view.Row.Pid)?.ToString(CultureInfo.InvariantCulture) ?? Unknown(view);

    public static string Process(SocketView view) =>
        view.Entry.Owner?.Name ?? Unknown(view);

    public static string User(SocketView view) => view.User ?? Unknown(view);

    /// <summary>
    /// TIME_WAIT and not yet accepted SYN_RECV sockets belong to the kernel, not to a process: <c>-</c>. Any other
    /// socket without an owner has one that cannot be seen (not root, or a process in another PID namespace): <c>?</c>.
    /// </summary>
    private static string Unknown(SocketView view) =>
        view.Row.State is TcpSocketState.TimeWait or TcpSocketState.SynReceived ? "-" : "?";
}
