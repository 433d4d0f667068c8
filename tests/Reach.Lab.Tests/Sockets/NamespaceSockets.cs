using System.Net;
using System.Net.Sockets;
using Reach.Lab.Tests.Lab;

namespace Reach.Lab.Tests.Sockets;

/// <summary>Sockets this test opens inside its own namespace (created by a thread that entered it); all closed on dispose.</summary>
internal sealed class NamespaceSockets : IDisposable
{
    private readonly List<Socket> _sockets = [];

    public IReadOnlyList<Socket> All => _sockets;

    /// <summary>Runs <paramref name="open"/> inside the namespace; what it adds to the list is disposed with this object.</summary>
    public void OpenIn(string namespaceName, Action<List<Socket>> open) =>
        NetworkNamespace.Run(namespaceName, () =>
        {
            open(_sockets);
            return 0;
        });

    public static Socket Listen(List<Socket> sockets, IPEndPoint endPoint, bool? v6Only = null, int backlog = 128)
    {
        var socket = Add(sockets, new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp));
        if (v6Only is { } only)
        {
            socket.DualMode = !only;
        }

        socket.Bind(endPoint);
        socket.Listen(backlog);
        return socket;
    }

    public static Socket Udp(List<Socket> sockets, IPEndPoint endPoint, bool? v6Only = null)
    {
        var socket = Add(sockets, new Socket(endPoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp));
        if (v6Only is { } only)
        {
            socket.DualMode = !only;
        }

        socket.Bind(endPoint);
        return socket;
    }

    /// <summary>Connects a new client to <paramref name="listener"/> (on this namespace's loopback) and accepts it: both ends stay open.</summary>
    public static (Socket Client, Socket Server) Connect(List<Socket> sockets, Socket listener, IPAddress address)
    {
        var client = Add(sockets, new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp));
        client.Connect(new IPEndPoint(address, ((IPEndPoint)listener.LocalEndPoint!).Port));
        return (client, Add(sockets, listener.Accept()));
    }

    public void Dispose() => _sockets.ForEach(s => s.Dispose());

    private static Socket Add(List<Socket> sockets, Socket socket)
    {
        sockets.Add(socket);
        return socket;
    }
}
