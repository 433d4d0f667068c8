using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Reach.Core.Tests.TestSupport;

/// <summary>
/// A loopback server for one connection that plays a protocol's preamble (a delegate with the raw stream: it reads
/// what the client sent and answers as the real server would), then, when the delegate returns true, shakes hands as
/// the TLS server with <c>leaf</c>. <see cref="Finished"/> faults when the delegate's assertions failed, so a test can
/// check what the client sent.
/// </summary>
internal sealed class PreambleServer : IDisposable
{
    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly CancellationTokenSource _stop = new();

    public PreambleServer(X509Certificate2 leaf, Func<NetworkStream, CancellationToken, Task<bool>> preamble)
    {
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(4);
        var context = SslStreamCertificateContext.Create(leaf, [TestCertificates.Intermediate.Value], offline: true);
        Finished = ServeAsync(context, preamble);
    }

    public IPEndPoint EndPoint => (IPEndPoint)_listener.LocalEndPoint!;

    /// <summary>The one connection's end: faulted by a failed assertion in the preamble.</summary>
    public Task Finished { get; }

    /// <summary>Reads bytes until <paramref name="end"/> has arrived (at most 4 KiB), as text.</summary>
    public static async Task<string> ReadUntilAsync(Stream stream, string end, CancellationToken ct)
    {
        var text = new StringBuilder();
        var one = new byte[1];
        while (!text.ToString().EndsWith(end, StringComparison.Ordinal) && text.Length < 4096 && await stream.ReadAsync(one, ct) == 1)
        {
            text.Append((char)one[0]);
        }

        return text.ToString();
    }

    /// <summary>Holds the connection until the client goes, dropping what it sends.</summary>
    public static async Task<bool> HoldAsync(Stream stream, CancellationToken ct)
    {
        var sink = new byte[256];
        while (await stream.ReadAsync(sink, ct) > 0)
        {
        }

        return false;
    }

    private async Task ServeAsync(SslStreamCertificateContext context, Func<NetworkStream, CancellationToken, Task<bool>> preamble)
    {
        try
        {
            using var client = await _listener.AcceptAsync(_stop.Token);
            await using var stream = new NetworkStream(client, ownsSocket: false);
            if (await preamble(stream, _stop.Token))
            {
                await using var ssl = new SslStream(stream, leaveInnerStreamOpen: true);
                await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificateContext = context }, _stop.Token);
                _ = await ssl.ReadAsync(new byte[1], _stop.Token);
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException or AuthenticationException)
        {
            // The client went away, or the test ended.
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Dispose();
        _stop.Dispose();
    }
}
