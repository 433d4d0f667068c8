using System.Net.Sockets;

namespace Reach.Lab.Tests.Lab;

/// <summary>TCP sockets made inside a namespace: they live there whichever thread uses them later.</summary>
public static partial class NetworkNamespace
{
    /// <summary>A new TCP socket living in namespace <paramref name="name"/>, usable from any thread.</summary>
    public static Socket CreateTcpSocket(string name, AddressFamily family) =>
        Run(name, () => new Socket(family, SocketType.Stream, ProtocolType.Tcp));

    /// <summary>Many new TCP sockets living in namespace <paramref name="name"/>, made by one thread that entered it (all or none).</summary>
    public static IReadOnlyList<Socket> CreateTcpSockets(string name, AddressFamily family, int count) =>
        Run(name, () =>
        {
            var sockets = new List<Socket>(count);
            try
            {
                for (var i = 0; i < count; i++)
                {
                    sockets.Add(new Socket(family, SocketType.Stream, ProtocolType.Tcp));
                }

                return sockets;
            }
            catch
            {
                sockets.ForEach(s => s.Dispose());
                throw;
            }
        });
}
