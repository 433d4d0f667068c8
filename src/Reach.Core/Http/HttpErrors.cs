using System.Net.Sockets;

namespace Reach.Http;

/// <summary>
/// Plain words for why an HTTP exchange failed, from the error's kind rather than its message: the trimmed CLI carries
/// resource keys instead of the runtime's messages.
/// </summary>
public static class HttpErrors
{
    public static string Describe(HttpRequestException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (Text.ExceptionChain.Find<SocketException>(exception) is { } socket)
        {
            return socket.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => "the connection was refused",
                SocketError.ConnectionReset => "the server reset the connection",
                _ => $"the connection failed ({socket.SocketErrorCode})",
            };
        }

        return exception.HttpRequestError switch
        {
            HttpRequestError.NameResolutionError => "the redirect's host name did not resolve",
            HttpRequestError.ConnectionError => "the connection failed",
            HttpRequestError.SecureConnectionError => "the TLS handshake failed (see the TLS report)",
            HttpRequestError.ResponseEnded => "the server closed the connection before a whole answer",
            HttpRequestError.InvalidResponse => "the answer is not HTTP",
            HttpRequestError.ConfigurationLimitExceeded => "the answer's headers are larger than 64 KiB",
            HttpRequestError.HttpProtocolError => "the server broke the HTTP protocol",
            _ => "the HTTP exchange failed",
        };
    }
}
