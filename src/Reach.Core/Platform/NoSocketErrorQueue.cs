using System.Net.Sockets;
using Reach.Probes;

namespace Reach.Platform;

/// <summary>Windows and macOS report the kind of unreachability in the connect error itself; there is no queue to read.</summary>
internal sealed class NoSocketErrorQueue : ISocketErrorQueue
{
    public void Enable(Socket socket)
    {
    }

    public IcmpError? TryRead(Socket socket) => null;
}
