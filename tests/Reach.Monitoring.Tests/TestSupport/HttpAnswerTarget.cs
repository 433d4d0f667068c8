using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Reach.Monitoring.Tests.TestSupport;

/// <summary>
/// A plain HTTP server on 127.0.0.1 that the test opens itself: every request, read to its blank line, is answered
/// <c>200 OK</c> with <see cref="ServerName"/> as its Server header and "ok" as its body, then the connection closes.
/// A connection that sends nothing (a TCP check's connect) is simply closed.
/// </summary>
public sealed class HttpAnswerTarget : LoopbackServer
{
    public const string ServerName = "reach-test-http/1.0";

    private static readonly byte[] Answer = Encoding.ASCII.GetBytes(
        $"HTTP/1.1 200 OK\r\nServer: {ServerName}\r\nContent-Type: text/plain\r\nContent-Length: 3\r\nConnection: close\r\n\r\nok\n");

    private string? lastRequestLine;

    public HttpAnswerTarget()
    {
        Start();
    }

    /// <summary>The first line of the last request answered (<c>GET / HTTP/1.1</c>); null before any.</summary>
    public string? LastRequestLine => Volatile.Read(ref lastRequestLine);

    protected override async Task ServeAsync(Socket client)
    {
        using var _ = client;
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Stop.Token);
            deadline.CancelAfter(TimeSpan.FromSeconds(5));
            var request = new StringBuilder();
            var buffer = new byte[4096];
            while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                var read = await client.ReceiveAsync(buffer, SocketFlags.None, deadline.Token);
                if (read == 0 || request.Length > 16 * 1024)
                {
                    return;
                }

                request.Append(Encoding.ASCII.GetString(buffer, 0, read));
            }

            Volatile.Write(ref lastRequestLine, request.ToString()[..request.ToString().IndexOf("\r\n", StringComparison.Ordinal)]);
            await client.SendAsync(Answer, SocketFlags.None, deadline.Token);
            client.Shutdown(SocketShutdown.Send);
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }
}
