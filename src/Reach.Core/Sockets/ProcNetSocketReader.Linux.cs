using System.Runtime.Versioning;

namespace Reach.Sockets;

/// <summary>Reads /proc/net/{tcp,tcp6,udp,udp6} of the calling thread's network namespace.</summary>
[SupportedOSPlatform("linux")]
internal static class ProcNetSocketReader
{
    public static void Read(SocketProtocols protocols, List<SocketRow> rows)
    {
        // /proc/net is /proc/self/net: the namespace of the process's main thread. A thread that entered another
        // namespace (setns) sees its own only under /proc/thread-self (Linux 3.17+).
        var directory = Directory.Exists("/proc/thread-self/net") ? "/proc/thread-self/net" : "/proc/net";
        foreach (var (protocol, flag, file) in (ReadOnlySpan<(SocketProtocol, SocketProtocols, string)>)[
            (SocketProtocol.Tcp, SocketProtocols.Tcp, "tcp"),
            (SocketProtocol.Tcp, SocketProtocols.Tcp, "tcp6"),
            (SocketProtocol.Udp, SocketProtocols.Udp, "udp"),
            (SocketProtocol.Udp, SocketProtocols.Udp, "udp6")])
        {
            if ((protocols & flag) == 0)
            {
                continue;
            }

            var path = Path.Join(directory, file);
            string text;
            try
            {
                text = File.ReadAllText(path);
            }
            catch (FileNotFoundException) when (file.EndsWith('6'))
            {
                continue; // IPv6 disabled in this kernel
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new SocketTableException($"cannot read {path}: {ex.Message}", ex);
            }

            ProcNetSocketParser.Parse(text, protocol, $"/proc/net/{file}", rows);
        }
    }
}
