using Reach.Services;
using Reach.Sockets;

namespace Reach.Cli.Rendering.Sockets;

/// <summary>"Who listens on PORT": each owning process with its path, command line, user and every bind address.</summary>
internal static class WhoWriter
{
    public static void Write(TextWriter writer, int port, IReadOnlyList<ListenerOwner> owners, bool ownersIncomplete, bool? defaultV6Only)
    {
        var service = ServiceCatalog.FindByPort(port)?.Name;
        var label = service is null ? $"port {port}" : $"port {port} ({service})";
        if (owners.Count == 0)
        {
            writer.WriteLine($"nothing listens on {label}");
            return;
        }

        // A socket several processes hold (a pre-fork server's master and workers) is listed under each of them.
        writer.WriteLine($"{label}: {owners.Count} {(owners.Count == 1 ? "process listens" : "processes listen")}{Sharing(owners)}");
        foreach (var owner in owners)
        {
            writer.WriteLine();
            // Name, path, command line and user are the process's own words: escaped, so a newline or an ESC
            // sequence in them cannot forge lines or rewrite the terminal.
            var name = TerminalText.Escape(owner.Owner?.Name) ?? (ownersIncomplete ? "? (hidden: run as root to see it)" : "?");
            var pid = owner.Pid is { } p ? $"  PID {p}" : string.Empty;
            var user = owner.User is { } u ? $"  user {TerminalText.Escape(u)}" : string.Empty;
            writer.WriteLine($"{name}{pid}{user}");
            if (owner.Owner?.ExecutablePath is { } exe)
            {
                writer.WriteLine($"  exe      {TerminalText.Escape(exe)}");
            }

            if (owner.Owner?.CommandLine is { Length: > 0 } commandLine)
            {
                writer.WriteLine($"  command  {TerminalText.Escape(commandLine)}");
            }

            var width = owner.Sockets.Max(s => EndpointNotation.Local(s.Row.Local).Length);
            foreach (var socket in owner.Sockets)
            {
                var local = EndpointNotation.Local(socket.Row.Local).PadRight(width);
                writer.WriteLine($"  {socket.Row.Protocol.ToWord()}  {local}  — {ExposureWords.Sentence(socket.Exposure, defaultV6Only)}");
            }
        }
    }

    /// <summary>
    /// When some sockets are held by several of the processes: <c> on 2 sockets, 2 of them shared</c> (a pre-fork
    /// server's master and workers), <c> on 1 socket, shared</c>; otherwise nothing.
    /// </summary>
    private static string Sharing(IReadOnlyList<ListenerOwner> owners)
    {
        var holders = owners.SelectMany(o => o.Sockets).CountBy(s => s.Entry).ToList();
        var shared = holders.Count(h => h.Value > 1);
        return shared == 0 ? string.Empty
            : holders.Count == 1 ? " on 1 socket, shared"
            : $" on {holders.Count} sockets, {shared} of them shared";
    }
}
