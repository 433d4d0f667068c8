using System.Globalization;
using System.Text;

namespace Reach.Sockets;

/// <summary>
/// Describes a process from <c>/proc/PID</c>: comm, exe, cmdline and the effective uid of status. Whatever cannot be
/// read (another user's exe without privileges, a process that just ended) stays null.
/// </summary>
internal sealed class ProcProcessReader(UserNames users, string procRoot = "/proc")
{
    public ProcessOwner Read(int pid)
    {
        var directory = Path.Join(procRoot, pid.ToString(CultureInfo.InvariantCulture));
        var uid = ReadEffectiveUid(TryReadText(Path.Join(directory, "status")));
        return new ProcessOwner(
            pid,
            TryReadText(Path.Join(directory, "comm"))?.TrimEnd('\n'),
            TryReadLink(Path.Join(directory, "exe")),
            CommandLine(TryReadBytes(Path.Join(directory, "cmdline"))),
            uid is { } id ? users.Name(id) : null);
    }

    /// <summary>cmdline holds NUL-terminated arguments; null when empty (kernel threads, zombies).</summary>
    internal static string? CommandLine(byte[]? raw)
    {
        if (raw is null)
        {
            return null;
        }

        var text = Encoding.UTF8.GetString(raw).Replace('\0', ' ').TrimEnd(' ');
        return text.Length == 0 ? null : text;
    }

    /// <summary>The second number of the <c>Uid:</c> line (real, effective, saved, filesystem).</summary>
    internal static int? ReadEffectiveUid(string? status)
    {
        if (status is null)
        {
            return null;
        }

        foreach (var line in status.AsSpan().EnumerateLines())
        {
            if (!line.StartsWith("Uid:", StringComparison.Ordinal))
            {
                continue;
            }

            Span<Range> fields = stackalloc Range[4];
            var count = line[4..].Split(fields, '\t', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return count >= 2 && int.TryParse(line[4..][fields[1]], NumberStyles.None, CultureInfo.InvariantCulture, out var uid) ? uid : null;
        }

        return null;
    }

    private static string? TryReadText(string path)
    {
        var bytes = TryReadBytes(path);
        return bytes is null ? null : Encoding.UTF8.GetString(bytes);
    }

    private static byte[]? TryReadBytes(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string? TryReadLink(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
