using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace Reach.Core.Tests.TestSupport;

/// <summary>A loopback TLS server that presents <c>leaf</c> (and the intermediates given) to every client.</summary>
internal sealed class TlsTestServer : IDisposable
{
    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly CancellationTokenSource _stop = new();

    public TlsTestServer(X509Certificate2 leaf, params X509Certificate2[] intermediates)
    {
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(16);
        var context = SslStreamCertificateContext.Create(leaf, [.. intermediates], offline: true);
        _ = AcceptAsync(context);
    }

    public IPEndPoint EndPoint => (IPEndPoint)_listener.LocalEndPoint!;

    /// <summary>When set, an HTTPS server: each request (read to its blank line) is answered with these bytes.</summary>
    public byte[]? HttpAnswer { get; init; }

    private async Task AcceptAsync(SslStreamCertificateContext context)
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptAsync(_stop.Token);
                _ = Task.Run(async () =>
                {
                    try
                    {
                        await using var ssl = new SslStream(new NetworkStream(client, ownsSocket: true));
                        await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificateContext = context }, _stop.Token);
                        if (HttpAnswer is { } answer)
                        {
                            await HttpServer.ReadRequestAsync(ssl, _stop.Token);
                            await ssl.WriteAsync(answer, _stop.Token);
                        }

                        _ = await ssl.ReadAsync(new byte[1], _stop.Token); // hold until the client goes (what it sends is not read)
                    }
                    catch (Exception ex) when (ex is IOException or System.Security.Authentication.AuthenticationException or OperationCanceledException or SocketException or ObjectDisposedException)
                    {
                    }
                });
            }
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Dispose();
        _stop.Dispose();
    }
}
