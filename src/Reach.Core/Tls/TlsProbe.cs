using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Reach.Probes;

namespace Reach.Tls;

/// <summary>
/// A TLS handshake with a service, as <c>openssl s_client -connect HOST:PORT -servername NAME</c> does, and the
/// verdict on its certificate: .NET's SslStream does the TLS (no TLS of our own), X509Chain the verification. Every
/// certificate is accepted during the handshake so that an untrusted one is still reported, then judged.
/// </summary>
public static class TlsProbe
{
    /// <summary>The most SAN entries listed per certificate (a certificate may carry thousands).</summary>
    public const int MaxNamesShown = 50;

    /// <summary>The most certificates of the chain described (a server may send any number).</summary>
    public const int MaxChainShown = 10;

    public static async Task<TlsReport> ProbeAsync(IPEndPoint remote, string serverName, TlsProbeOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(remote);
        ArgumentException.ThrowIfNullOrEmpty(serverName);
        ArgumentNullException.ThrowIfNull(options);
        var started = Stopwatch.GetTimestamp();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.Timeout);

        using var capture = new TlsHandshakeCapture();
        using var socket = new Socket(remote.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        var sslOptions = new SslClientAuthenticationOptions
        {
            TargetHost = serverName,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            ApplicationProtocols = options.ApplicationProtocols.Count == 0 ? null : [.. options.ApplicationProtocols.Select(p => new SslApplicationProtocol(p))],
#pragma warning disable CA5359 // Every certificate is accepted to be reported; the capture's Report() is the verdict, and nothing is sent over this connection.
            RemoteCertificateValidationCallback = capture.Accept,
#pragma warning restore CA5359
        };

        SslStream? ssl = null;
        var upgrading = false;
        try
        {
            await socket.ConnectAsync(remote, deadline.Token).ConfigureAwait(false);
            var network = new NetworkStream(socket, ownsSocket: false);
            ssl = new SslStream(network, leaveInnerStreamOpen: false);
            if (options.StartTls is { } upgrade)
            {
                upgrading = true;
                await StartTls.NegotiateAsync(network, upgrade, serverName, remote.Port, deadline.Token).ConfigureAwait(false);
                upgrading = false;
            }

            await ssl.AuthenticateAsClientAsync(sslOptions, deadline.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is AuthenticationException or IOException or SocketException or StartTlsException
            || ex is OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            if (ssl is not null)
            {
                await ssl.DisposeAsync().ConfigureAwait(false);
            }

            var why = ex switch
            {
                OperationCanceledException when upgrading => $"STARTTLS ({options.StartTls?.ToWord()}): no complete answer from the server within {Time.DurationParser.Format(options.Timeout)}",
                OperationCanceledException => $"no TLS handshake within {Time.DurationParser.Format(options.Timeout)} (the service may not speak TLS on this port{(options.StartTls is null ? "; does it need --starttls?" : string.Empty)})",
                StartTlsException => $"STARTTLS ({options.StartTls?.ToWord()}): {ex.Message}",
                _ => TlsHandshakeErrors.Describe(ex),
            };
            return new TlsReport(serverName, null, null, null, capture.Describe(), [TlsProblem.HandshakeFailed], null, Text.Printable.OneLine(why, 300), Stopwatch.GetElapsedTime(started), options.StartTls);
        }

        await using var sslScope = ssl.ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(started);
        return capture.Report(serverName, ssl, options.ExtraTrust, options.Time.GetUtcNow(), elapsed, options.StartTls);
    }
}
