using System.Globalization;
using Reach.Cli.Platform;
using Reach.Sockets;

namespace Reach.Cli.Rendering.Sockets;

/// <summary>The text of one socket's cells, shared by the table, CSV and <c>reach who</c>.</summary>
internal static class SocketCells
{
    /// <summary>A socket shared by more processes shows this many PIDs and how many more (the JSON lists them all).</summary>
    private const int MaxPidsShown = 4;

    /// <summary>The hint printed on stderr when the table hid some owners.</summary>
    public static string HiddenOwnersHint(string command) => HiddenOwnersHint(command, CliPlatform.PrivilegeHint);

    /// <summary>The hint, in <paramref name="privilege"/>'s words.</summary>
    internal static string HiddenOwnersHint(string command, IPrivilegeHint privilege) =>
        $"reach: some owners are hidden: {privilege.RunPrivileged(command)} to see them";

    public static string State(SocketRow row) => row.State?.ToTableWord() ?? (row.IsListening() ? "UNCONN" : string.Empty);

    /// <summary>
    /// The PID, or the PIDs of every process holding the socket, lowest first (<c>1234,1240,1241</c>; past
    /// <see cref="MaxPidsShown"/>, <c>1234,1240,1241,+62</c>); <c>?</c> when the owner cannot be seen, <c>-</c>
    /// when no process holds the socket.
    /// </summary>
    public static string Pid(SocketView view)
    {
        var owners = view.Entry.Owners;
        if (owners.Count <= 1)
        {
            return view.Entry.Pid?.ToString(CultureInfo.InvariantCulture) ?? Unknown(view);
        }

        var shown = owners.Count <= MaxPidsShown ? owners.Count : MaxPidsShown - 1;
        var pids = string.Join(',', owners.Take(shown).Select(o => o.Pid.ToString(CultureInfo.InvariantCulture)));
        return shown == owners.Count ? pids : $"{pids},+{(owners.Count - shown).ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>
    /// The process name; the distinct names of every holder, comma-separated, when several hold the socket. A process
    /// names itself: control characters are escaped (<see cref="TerminalText"/>).
    /// </summary>
    public static string Process(SocketView view) => view.Entry.Owners.Count switch
    {
        0 => Unknown(view),
        1 => TerminalText.Escape(view.Entry.Owners[0].Name) ?? Unknown(view),
        _ => Distinct(view.Entry.Owners.Select(o => TerminalText.Escape(o.Name) ?? "?")),
    };

    /// <summary>The user; the distinct users of every holder when several hold the socket (<c>root,www-data</c>).</summary>
    public static string User(SocketView view) => view.Entry.Owners.Count > 1
        ? Distinct(view.Entry.Owners.Select(o => TerminalText.Escape(o.User ?? view.Entry.OwnerUser) ?? "?"))
        : TerminalText.Escape(view.User) ?? Unknown(view);

    /// <summary>
    /// No process holds the socket, the kernel does (TIME_WAIT, SYN_RECV, a connection not accepted yet, an orphaned
    /// one closing): <c>-</c>. Any other socket without an owner has one that cannot be seen (not root, or a process
    /// in another PID namespace): <c>?</c>.
    /// </summary>
    private static string Unknown(SocketView view) => view.Entry.OwnedByKernel ? "-" : "?";

    private static string Distinct(IEnumerable<string> values) => string.Join(',', values.Distinct(StringComparer.Ordinal));
}
