using System.Net.Sockets;
using System.Security.Authentication;

namespace Reach.Tls;

/// <summary>
/// Plain words for why a TLS handshake failed. The trimmed CLI (UseSystemResourceKeys) carries resource keys such as
/// "net_frame_read_size" instead of the runtime's messages, so the cases are named from the exceptions' types; only
/// OpenSSL's own reason ("wrong version number"), which is not a .NET resource, is quoted.
/// </summary>
public static class TlsHandshakeErrors
{
    public static string Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (Text.ExceptionChain.Find<SocketException>(exception) is { } socket)
        {
            return socket.SocketErrorCode switch
            {
                SocketError.ConnectionReset => "the server reset the connection during the TLS handshake",
                SocketError.ConnectionRefused => "the connection for the TLS handshake was refused",
                _ => $"the connection failed during the TLS handshake ({socket.SocketErrorCode})",
            };
        }

        if (exception is AuthenticationException)
        {
            if (exception.Message.Contains("alert", StringComparison.OrdinalIgnoreCase))
            {
                // "The remote party sent a TLS alert: 'HandshakeFailure'", or trimmed: "net_auth_tls_alert, HandshakeFailure".
                var name = exception.Message.Split([' ', ',', '\'', ':', '.'], StringSplitOptions.RemoveEmptyEntries)[^1];
                return $"the server refused the handshake with a TLS alert ({name})";
            }

            return OpenSslReason(exception) switch
            {
                // No OpenSSL error under it: .NET's own reading of the record header failed, the bytes are not TLS.
                null when exception.InnerException is null => "the server answered something that is not TLS",
                null => "the TLS handshake failed",
                var reason when reason.Contains("wrong version number", StringComparison.OrdinalIgnoreCase) || reason.Contains("packet length too long", StringComparison.OrdinalIgnoreCase)
                    => $"the server answered something that is not TLS (OpenSSL: {reason})",
                var reason => $"the TLS handshake failed (OpenSSL: {reason})",
            };
        }

        // An IOException with no socket error under it: the stream ended, the server closed mid-handshake.
        return "the server closed the connection during the TLS handshake (does it speak TLS on this port?)";
    }

    /// <summary>OpenSSL's reason from its error string ("error:0A00010B:SSL routines::wrong version number").</summary>
    private static string? OpenSslReason(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            var at = e.Message.IndexOf("error:", StringComparison.Ordinal);
            if (at >= 0)
            {
                var message = e.Message[at..];
                var reason = message.LastIndexOf(':');
                return reason >= 0 && reason < message.Length - 1 ? message[(reason + 1)..].Trim() : message;
            }
        }

        return null;
    }
}
