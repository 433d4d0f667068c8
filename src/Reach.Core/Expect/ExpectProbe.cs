using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Reach.Text;

namespace Reach.Expect;

/// <summary>
/// Send a string and wait for an answer that holds what is expected, as a monitoring "TCP expect" check (Nagios'
/// check_tcp -s/-e, blackbox_exporter's tcp query_response): connect, send, read until the match, the server's close,
/// the read limit or the timeout, whichever comes first. The answer is matched as UTF-8 text.
/// </summary>
public static class ExpectProbe
{
    public static async Task<ExpectReport> ProbeAsync(IPEndPoint remote, ExpectOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(remote);
        ArgumentNullException.ThrowIfNull(options);
        var started = Stopwatch.GetTimestamp();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.Timeout);
        using var socket = new Socket(remote.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        var limit = Math.Clamp(options.ReadLimit, 1, ExpectOptions.MaxReadLimit);
        var answer = new byte[limit];
        var read = 0;
        var connected = false;
        try
        {
            await socket.ConnectAsync(remote, deadline.Token).ConfigureAwait(false);
            connected = true;
            if (!options.Send.IsEmpty)
            {
                await socket.SendAsync(options.Send, SocketFlags.None, deadline.Token).ConfigureAwait(false);
            }

            var tried = 0;
            while (read < limit)
            {
                var got = await socket.ReceiveAsync(answer.AsMemory(read), SocketFlags.None, deadline.Token).ConfigureAwait(false);
                if (got == 0)
                {
                    return Matches() ? Report(null)
                        : Report(read == 0 ? "the server closed the connection without answering" : $"the server closed the connection without {options.Match}");
                }

                read += got;
                // Matched again at a line's end, after each 1 KiB, or once the kernel has nothing more buffered: a server
                // that answers byte by byte cannot make every byte cost a pass over the whole answer.
                if ((answer.AsSpan(read - got, got).Contains((byte)'\n') || read - tried >= 1024 || socket.Available == 0) && Matches())
                {
                    return Report(null);
                }
            }

            return Matches() ? Report(null) : Report($"no {options.Match} in the first {read} bytes of the answer");

            bool Matches()
            {
                tried = read;
                return options.Match.IsMatch(Text());
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            if (read > 0 && options.Match.IsMatch(Text()))
            {
                return Report(null);
            }

            var what = !connected ? "no connection" : read == 0 ? "no answer" : $"no {options.Match}";
            return Report($"{what} within {Time.DurationParser.Format(options.Timeout)}");
        }
        catch (SocketException ex)
        {
            return Report(ex.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => "the connection was refused",
                SocketError.ConnectionReset => read == 0 ? "the server reset the connection without answering" : "the server reset the connection",
                _ => $"the connection failed ({ex.SocketErrorCode})",
            });
        }

        string Text() => Encoding.UTF8.GetString(answer, 0, read);

        ExpectReport Report(string? error) =>
            new(connected, error is null, read, AnswerMatch.Excerpt(Text(), error is null ? options.Match : null), error, Stopwatch.GetElapsedTime(started));
    }
}
