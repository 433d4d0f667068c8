using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;

namespace Reach.Core.Tests.TestSupport;

/// <summary>A loopback HTTP/1.1 server answering each request by its path (one request per connection, then close).</summary>
internal static class HttpServer
{
    /// <summary>Answers the request for each path with <paramref name="answer"/>'s bytes; records the request lines.</summary>
    public static GreetingServer Answering(Func<string, string> answer, ConcurrentQueue<string>? requests = null) => new(async (client, ct) =>
    {
        using var stream = new NetworkStream(client, ownsSocket: false);
        var request = await ReadRequestAsync(stream, ct);
        requests?.Enqueue(request);
        var path = request.Split(' ') is [_, var p, ..] ? p : "/";
        await stream.WriteAsync(Encoding.Latin1.GetBytes(answer(path)), ct);
    });

    /// <summary>Reads a request's head, up to its blank line (bounded: 16 KiB).</summary>
    public static async Task<string> ReadRequestAsync(Stream stream, CancellationToken ct)
    {
        var head = new StringBuilder();
        var one = new byte[1];
        while (head.Length < 16 * 1024 && !head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(one, ct) == 0)
            {
                break;
            }

            head.Append((char)one[0]);
        }

        return head.ToString();
    }
}
