using System.Net;
using System.Net.Sockets;
using Reach.Lab.Tests.Lab;

namespace Reach.Lab.Tests.Watch;

/// <summary>
/// An <see cref="HttpClient"/> whose connections start inside a network namespace: every socket is made there
/// (<see cref="NetworkNamespace.CreateTcpSocket"/>), so <c>127.0.0.1</c> is that namespace's loopback, never this
/// machine's. For reading the API of a <c>reach watch</c> a test started in its namespace.
/// </summary>
internal static class NamespaceHttpClient
{
    public static HttpClient Create(string namespaceName) => new(new SocketsHttpHandler
    {
        UseProxy = false,
        ConnectCallback = async (context, token) =>
        {
            var address = IPAddress.Parse(context.DnsEndPoint.Host);
            var socket = NetworkNamespace.CreateTcpSocket(namespaceName, address.AddressFamily);
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), token);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    })
    {
        Timeout = TimeSpan.FromSeconds(10),
    };
}
