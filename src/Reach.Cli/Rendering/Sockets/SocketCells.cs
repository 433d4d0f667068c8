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

    /// <summary>The PID; <c>?</c> when the owner is hidden, <c>-</c> when no process holds the socket (TIME_WAIT).</summary>
    public static string Pid(SocketView view, bool ownersIncomplete) =>
        (view.Entry.Owner?.Pid ?? view.Row.Pid)?.ToString(CultureInfo.InvariantCulture) ?? Unknown(view, ownersIncomplete);

    public static string Process(SocketView view, bool ownersIncomplete) =>
        view.Entry.Owner?.Name ?? Unknown(view, ownersIncomplete);

    public static string User(SocketView view, bool ownersIncomplete) => view.User ?? Unknown(view, ownersIncomplete);

    /// <summary>Sockets in TIME_WAIT belong to the kernel, not to a process: nothing is hidden there.</summary>
    private static string Unknown(SocketView view, bool ownersIncomplete) =>
        ownersIncomplete && view.Row.State != TcpSocketState.TimeWait ? "?" : "-";
}
