using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Reach.Cli.Tests.Commands;

/// <summary>
/// A reflector stand-in on a loopback port of this test: answers every request with one canned HTTP response
/// (Connection: close) and records the request lines and bodies. Bounded: it stops with the test.
/// </summary>
internal sealed class FakeReflector : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly string _response;

    public FakeReflector(int status, string body, string extraHeaders = "")
    {
        _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(16);
        var bytes = Encoding.UTF8.GetByteCount(body);
        _response = $"HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {bytes}\r\n{extraHeaders}Connection: close\r\n\r\n{body}";
        _loop = ServeAsync(_stop.Token);
    }

    public string Url => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndPoint!).Port}";

    public List<string> Requests { get; } = [];

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        await Task.WhenAny(_loop, Task.Delay(TimeSpan.FromSeconds(5)));
        _stop.Dispose();
    }

    private async Task ServeAsync(CancellationToken stop)
    {
        for (var served = 0; served < 100 && !stop.IsCancellationRequested; served++)
        {
            try
            {
                using var connection = await _listener.AcceptAsync(stop);
                var request = await ReadRequestAsync(connection, stop);
                lock (Requests)
                {
                    Requests.Add(request);
                }

                await connection.SendAsync(Encoding.UTF8.GetBytes(_response), stop);
                connection.Shutdown(SocketShutdown.Both);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
        }
    }

    /// <summary>The head and the body (by Content-Length).</summary>
    private static async Task<string> ReadRequestAsync(Socket connection, CancellationToken stop)
    {
        var buffer = new byte[8192];
        var text = new StringBuilder();
        while (true)
        {
            var all = text.ToString();
            var end = all.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end >= 0)
            {
                var length = all.Split("\r\n").FirstOrDefault(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)) is { } header
                    ? int.Parse(header["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture)
                    : 0;
                if (all.Length - end - 4 >= length)
                {
                    return all;
                }
            }

            var read = await connection.ReceiveAsync(buffer, stop);
            if (read == 0)
            {
                return text.ToString();
            }

            text.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }
    }
}
