using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Reach.Monitoring.Tests.TestSupport;

/// <summary>
/// A minimal HTTP/1.1 receiver on 127.0.0.1 (a port the OS picks): records each POST body and answers
/// <see cref="Status"/>. Alerts in tests go only here.
/// </summary>
public sealed class WebhookReceiver : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();

    public WebhookReceiver()
    {
        listener.Start();
        _ = AcceptLoopAsync();
    }

    public Uri Url => new(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/hook"));

    /// <summary>The status code to answer with (500 makes reach retry).</summary>
    public int Status { get; set; } = 200;

    public ConcurrentQueue<JsonObject> Received { get; } = new();

    /// <summary>Requests answered with a failure status.</summary>
    public int Refused => Volatile.Read(ref refused);

    private int refused;

    public IReadOnlyList<string> Events => [.. Received.Select(r => (string)r["event"]!)];

    public void Dispose()
    {
        stop.Cancel();
        listener.Stop();
        stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var reader = new StreamReader(stream, Encoding.UTF8);
                var length = 0;
                string? line;
                while (!string.IsNullOrEmpty(line = await reader.ReadLineAsync(stop.Token)))
                {
                    if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                    {
                        length = int.Parse(line["Content-Length:".Length..].Trim(), CultureInfo.InvariantCulture);
                    }
                }

                var body = new char[length];
                var read = 0;
                while (read < length)
                {
                    var n = await reader.ReadAsync(body.AsMemory(read, length - read), stop.Token);
                    if (n == 0)
                    {
                        break;
                    }

                    read += n;
                }

                var status = Status;
                if (status is >= 200 and < 300)
                {
                    Received.Enqueue(JsonNode.Parse(new string(body, 0, read))!.AsObject());
                }
                else
                {
                    Interlocked.Increment(ref refused);
                }

                var response = string.Create(CultureInfo.InvariantCulture, $"HTTP/1.1 {status} X\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                await stream.WriteAsync(Encoding.ASCII.GetBytes(response), stop.Token);
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException)
            {
            }
        }
    }
}
