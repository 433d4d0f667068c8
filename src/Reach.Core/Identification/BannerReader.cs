using System.Net;
using System.Net.Sockets;
using System.Text;
using Reach.Text;

namespace Reach.Identification;

/// <summary>
/// Reads what a server sends first on a fresh connection, as <c>telnet HOST PORT</c> would show it: bounded by
/// <see cref="MaxBytes"/> and by the wait, whatever the server does (nothing, one byte at a time, megabytes, garbage).
/// The bytes are untrusted: only their first line reaches the caller, and only as one printable line.
/// </summary>
public static class BannerReader
{
    /// <summary>The most bytes read: a greeting's first line is short (SSH caps it at 255), so this is plenty.</summary>
    public const int MaxBytes = 1024;

    /// <summary>The most characters of the first line shown.</summary>
    public const int MaxShown = 200;

    /// <summary>
    /// Connects to <paramref name="remote"/> and reads its greeting until the first line ends, <see cref="MaxBytes"/>
    /// arrive, the server closes, or <paramref name="wait"/> (connect included) has passed.
    /// </summary>
    /// <returns>The banner; <see cref="ServiceBanner.Silent"/> when nothing arrived (or the connection failed).</returns>
    public static async Task<ServiceBanner> ReadAsync(IPEndPoint remote, TimeSpan wait, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(remote);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(wait);
        using var socket = new Socket(remote.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        var buffer = new byte[MaxBytes];
        var read = 0;
        try
        {
            await socket.ConnectAsync(remote, deadline.Token).ConfigureAwait(false);
            while (read < buffer.Length && !HasWholeGreeting(buffer.AsSpan(0, read)))
            {
                var n = await socket.ReceiveAsync(buffer.AsMemory(read), SocketFlags.None, deadline.Token).ConfigureAwait(false);
                if (n == 0)
                {
                    break; // closed by the server
                }

                read += n;
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The wait is over: what arrived so far is the banner.
        }
        catch (SocketException)
        {
            // Reset or refused on this second connection: what arrived so far (often nothing) is all there is.
        }
        finally
        {
            // A reset rather than a FIN: the server's log shows an aborted connection, not a client that vanished mid-login.
            socket.LingerState = new LingerOption(true, 0);
        }

        return Describe(buffer.AsSpan(0, read), complete: HasWholeGreeting(buffer.AsSpan(0, read)));
    }

    /// <summary>The banner of bytes already read (<paramref name="complete"/>: whether the greeting ended).</summary>
    public static ServiceBanner Describe(ReadOnlySpan<byte> greeting, bool complete)
    {
        if (greeting.IsEmpty)
        {
            return ServiceBanner.Silent;
        }

        var protocol = BannerIdentifier.Identify(greeting);
        return new ServiceBanner(protocol, FirstLine(greeting, protocol), greeting.Length, complete);
    }

    /// <summary>
    /// The first line as one printable line. Binary greetings (MySQL's handshake, telnet's negotiation) show what is
    /// readable in them: MySQL's version string; for telnet, the bytes escaped.
    /// </summary>
    private static string FirstLine(ReadOnlySpan<byte> greeting, ServiceProtocol protocol)
    {
        if (protocol == ServiceProtocol.MySql && greeting[4] == MySqlPacket.ProtocolVersion10)
        {
            return Printable.OneLine(Encoding.Latin1.GetString(MySqlPacket.Version(greeting[4..])), MaxShown);
        }

        var lineEnd = greeting.IndexOfAny((byte)'\r', (byte)'\n');
        var line = lineEnd < 0 ? greeting : greeting[..lineEnd];
        // Latin-1 maps every byte to one character, so nothing is lost or replaced before escaping; UTF-8 greetings
        // (rare: the protocols are ASCII) show their multi-byte letters escaped rather than as mojibake.
        var text = IsUtf8(line) ? Encoding.UTF8.GetString(line) : Encoding.Latin1.GetString(line);
        return Printable.OneLine(text, MaxShown);
    }

    private static bool IsUtf8(ReadOnlySpan<byte> bytes) => System.Text.Unicode.Utf8.IsValid(bytes);

    /// <summary>A line protocol's first line has ended, or a binary greeting is whole.</summary>
    private static bool HasWholeGreeting(ReadOnlySpan<byte> bytes)
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
