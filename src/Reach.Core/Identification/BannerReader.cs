using System.Net;
using System.Net.Sockets;
using System.Text;
using Reach.Text;

namespace Reach.Identification;

/// <summary>
/// Finds out what answers a port, as <c>telnet HOST PORT</c> would show it and a little more: on a fresh connection
/// it reads what a server-speaks-first service sends; where the port's service waits for its client, or nothing came
/// within half the wait, it sends one safe probe (<see cref="ServiceProbe"/>) and reads the answer. Bounded by
/// <see cref="MaxBytes"/> and by the wait, whatever the server does (nothing, one byte at a time, megabytes, garbage).
/// The bytes are untrusted: only one printable line of them reaches the caller.
/// </summary>
public static class BannerReader
{
    /// <summary>The most bytes read: a greeting's first line is short (SSH caps it at 255), so this is plenty.</summary>
    public const int MaxBytes = 1024;

    /// <summary>The most characters of the first line shown.</summary>
    public const int MaxShown = 200;

    /// <summary>
    /// Connects to <paramref name="remote"/> and reads what answers until it is whole, <see cref="MaxBytes"/> arrive,
    /// the server closes, or <paramref name="wait"/> (connect included) has passed.
    /// </summary>
    /// <param name="remote">The open port.</param>
    /// <param name="host">The name as given: HTTP's Host and TLS's SNI.</param>
    /// <param name="ask">The probe to send at once, for a port whose service waits for its client (see
    /// <see cref="ExpectedService.Probe"/>); null: give the server half the wait to speak first.</param>
    /// <param name="wait">The whole budget. A port whose service speaks first (or an unknown port) gets half of it to
    /// greet before reach asks with <c>HEAD /</c>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public static async Task<ServiceBanner> ReadAsync(IPEndPoint remote, string host, ServiceProbe? ask, TimeSpan wait, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(remote);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(wait);
        using var socket = new Socket(remote.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        var buffer = new byte[MaxBytes];
        var read = 0;
        ServiceProbe? sent = null;
        var closed = false;
        string? failure = null;
        try
        {
            await socket.ConnectAsync(remote, deadline.Token).ConfigureAwait(false);
            if (ask is { } first)
            {
                sent = first;
                await socket.SendAsync(ProbeRequests.For(first, host), SocketFlags.None, deadline.Token).ConfigureAwait(false);
            }

            var greetingWait = Task.Delay(wait / 2, deadline.Token);
            while (read < buffer.Length && !ProbeReplies.IsWhole(buffer.AsSpan(0, read), sent))
            {
                var receive = socket.ReceiveAsync(buffer.AsMemory(read), SocketFlags.None, deadline.Token).AsTask();
                if (sent is null && read == 0 && await Task.WhenAny(receive, greetingWait).ConfigureAwait(false) != receive)
                {
                    // Silent for half the wait: a client-speaks-first service. Ask it the web's question.
                    sent = ServiceProbe.HttpHead;
                    await socket.SendAsync(ProbeRequests.For(ServiceProbe.HttpHead, host), SocketFlags.None, deadline.Token).ConfigureAwait(false);
                }

                var n = await receive.ConfigureAwait(false);
                if (n == 0)
                {
                    closed = true;
                    break;
                }

                read += n;
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The wait is over: what arrived so far is the answer.
        }
        catch (SocketException ex) when (read == 0)
        {
            failure = Describe(ex.SocketErrorCode);
        }
        catch (SocketException)
        {
            // Reset after it spoke: what arrived is the answer.
        }
        finally
        {
            // A reset rather than a FIN: the server's log shows an aborted connection, not a client that vanished mid-login.
            socket.LingerState = new LingerOption(true, 0);
        }

        var banner = Describe(buffer.AsSpan(0, read), ProbeReplies.IsWhole(buffer.AsSpan(0, read), sent), sent);
        return banner with { Closed = closed && read == 0, Error = failure };
    }

    /// <summary>The banner of bytes already read (<paramref name="complete"/>: whether the answer ended).</summary>
    public static ServiceBanner Describe(ReadOnlySpan<byte> greeting, bool complete, ServiceProbe? sent = null)
    {
        if (greeting.IsEmpty)
        {
            return sent is null ? ServiceBanner.Silent : ServiceBanner.Silent with { Probe = sent };
        }

        var protocol = ProbeReplies.Identify(greeting, sent);
        var text = ProbeReplies.Describe(greeting, protocol) ?? FirstLine(greeting, protocol);
        return new ServiceBanner(protocol, Printable.OneLine(text, MaxShown), greeting.Length, complete) { Probe = sent };
    }

    /// <summary>Why the second connection gave nothing: it is not the port's verdict, which was taken before.</summary>
    private static string Describe(SocketError error) => error switch
    {
        SocketError.ConnectionRefused => "a second connection was refused (a server that takes one connection at a time, or a rate limit)",
        SocketError.ConnectionReset => "the server reset the connection before sending anything",
        SocketError.TimedOut or SocketError.HostUnreachable or SocketError.NetworkUnreachable => "a second connection did not get through",
        _ => $"the second connection failed ({error})",
    };

    /// <summary>
    /// The first line as one printable line. Binary greetings (MySQL's handshake, telnet's negotiation) show what is
    /// readable in them: MySQL's version string; for telnet, the bytes escaped.
    /// </summary>
    private static string FirstLine(ReadOnlySpan<byte> greeting, ServiceProtocol protocol)
    {
        if (protocol == ServiceProtocol.MySql && greeting[4] == MySqlPacket.ProtocolVersion10)
        {
            return Encoding.Latin1.GetString(MySqlPacket.Version(greeting[4..]));
        }

        return ProbeReplies.TextLine(greeting);
    }

    /// <summary>A line protocol's first line has ended, or a binary greeting is whole.</summary>
    internal static bool HasWholeGreeting(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return false;
        }

        if (bytes.IndexOf((byte)'\n') >= 0)
        {
            return true;
        }

        // MySQL: the packet's own length says when it is whole. Telnet: negotiation bytes come in one segment.
        return bytes.Length >= MySqlPacket.HeaderLength && bytes[3] == 0 && bytes.Length >= MySqlPacket.HeaderLength + MySqlPacket.PayloadLength(bytes)
            || bytes[0] == 0xFF && bytes.Length >= 3;
    }
}
