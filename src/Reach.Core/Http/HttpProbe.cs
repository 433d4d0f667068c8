using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Reach.Text;
using Reach.Tls;

namespace Reach.Http;

/// <summary>
/// One HTTP request, as <c>curl -sS -o /dev/null -w …</c> would make it: status, reason, Location, Server and the
/// phases' times. It connects to the address the check probed (so the answer is that server's, not another of the
/// name's), through .NET's own HTTP stack; the certificate is not judged here (the TLS check does that), only used.
/// </summary>
public static class HttpProbe
{
    /// <summary><see cref="ProbeAsync"/> as a <see cref="HttpProber"/>, for <see cref="Checking.CheckOptions.AskHttp"/>.</summary>
    public static HttpProber Prober { get; } = ProbeAsync;

    /// <summary>The most body bytes read: enough to know the answer is whole for a page, never a download.</summary>
    public const int MaxBody = 1 << 20;

    public const int MaxRedirects = 10;

    /// <param name="remote">The address and port the check found open.</param>
    /// <param name="url">What to ask (its host is sent as Host and SNI).</param>
    /// <param name="dns">How long the check's name resolution took (null for an address): the first phase.</param>
    /// <param name="options">Timeout, redirects, method.</param>
    /// <param name="cancellationToken">Cancels the exchange.</param>
    public static async Task<HttpReport> ProbeAsync(IPEndPoint remote, Uri url, TimeSpan? dns, HttpProbeOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(remote);
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(options);
        var clock = new Clock { Dns = dns };
        var redirects = new List<HttpRedirect>();
        // One deadline for the whole chain, as curl's --max-time: redirects followed do not each get the timeout again.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.Timeout);
        var current = url;
        while (true)
        {
            // A client of its own per request: no connection is reused, so every hop's phases are its own.
            // Only a judged answer keeps copies of the certificates the server sent (reach check judges them elsewhere).
            using var capture = options.JudgeCertificate ? new TlsHandshakeCapture() : null;
            using var handler = CreateHandler(remote, url, clock, capture, options);
            using var client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
            var report = await AskAsync(client, current, clock, options, redirects, deadline.Token, cancellationToken).ConfigureAwait(false);
            if (!options.Follow || report.Error is not null || report.StatusCode is not (>= 300 and < 400) || report.Location is null
                || redirects.Count >= MaxRedirects || !Uri.TryCreate(current, report.Location, out var next) || next.Scheme is not ("http" or "https"))
            {
                return report;
            }

            redirects.Add(new HttpRedirect(current, report.StatusCode.Value, report.Location));
            current = next;
            clock.Dns = null;
        }
    }

    private static async Task<HttpReport> AskAsync(
        HttpClient client, Uri url, Clock clock, HttpProbeOptions options, List<HttpRedirect> redirects, CancellationToken deadline, CancellationToken cancellationToken)
    {
        clock.Restart();
        using var request = new HttpRequestMessage(options.Method, url) { Version = HttpVersion.Version11, VersionPolicy = HttpVersionPolicy.RequestVersionOrLower };
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("reach", null));
        request.Headers.ConnectionClose = true; // the server may close as soon as it has answered
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline).ConfigureAwait(false);
            var (body, kept) = await DrainAsync(response, options.BodyLimit, deadline).ConfigureAwait(false);
            return new HttpReport(
                url,
                (int)response.StatusCode,
                Line(response.ReasonPhrase),
                $"HTTP/{response.Version.Major}.{response.Version.Minor}",
                response.Headers.Location is { } location ? Line(location.OriginalString) : null,
                response.Headers.TryGetValues("Server", out var server) ? Line(string.Join(' ', server)) : null,
                body,
                clock.Timing(url),
                [.. redirects],
                null,
                clock.Tls,
                kept);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Failed(url, clock, redirects, $"no complete answer within {Time.DurationParser.Format(options.Timeout)}");
        }
        catch (HttpRequestException ex)
        {
            return Failed(url, clock, redirects, HttpErrors.Describe(ex));
        }
    }

    private static HttpReport Failed(Uri url, Clock clock, List<HttpRedirect> redirects, string error) =>
        new(url, null, null, null, null, null, 0, clock.Timing(url), [.. redirects], error);

    /// <summary>
    /// Reads the body up to <see cref="MaxBody"/> bytes (the total time is the page's, not the headers'), keeping the
    /// first <paramref name="keep"/> of them.
    /// </summary>
    private static async Task<(long Total, ReadOnlyMemory<byte> Kept)> DrainAsync(HttpResponseMessage response, int keep, CancellationToken cancellationToken)
    {
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using var _ = stream.ConfigureAwait(false);
        var buffer = new byte[16 * 1024];
        var kept = keep > 0 ? new MemoryStream() : null;
        long total = 0;
        int read;
        while (total < MaxBody && (read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (kept is not null && kept.Length < keep)
            {
                kept.Write(buffer, 0, (int)Math.Min(read, keep - kept.Length));
            }

            total += read;
        }

        return (total, kept is null ? ReadOnlyMemory<byte>.Empty : kept.ToArray());
    }

    private static SocketsHttpHandler CreateHandler(IPEndPoint remote, Uri url, Clock clock, TlsHandshakeCapture? capture, HttpProbeOptions options) => new()
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        UseProxy = false,
        AutomaticDecompression = DecompressionMethods.None,
        MaxResponseHeadersLength = 64, // KiB: a server cannot make reach hold more
        ConnectCallback = async (context, token) =>
        {
            // The first URL's host and port go to the address the check probed; a redirect elsewhere is resolved here.
            var target = string.Equals(context.DnsEndPoint.Host, url.IdnHost, StringComparison.OrdinalIgnoreCase) && context.DnsEndPoint.Port == url.Port
                ? remote
                : await ResolveAsync(context.DnsEndPoint, clock, token).ConfigureAwait(false);
            var socket = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                clock.ConnectStarted = Stopwatch.GetTimestamp();
                await socket.ConnectAsync(target, token).ConfigureAwait(false);
                clock.Connected = Stopwatch.GetTimestamp();
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
        // Called once TLS is up (or at once for http): the request and the first byte are timed on the plaintext.
        PlaintextStreamFilter = (context, _) =>
        {
            clock.Secured = Stopwatch.GetTimestamp();
            if (capture is not null && context.PlaintextStream is SslStream ssl)
            {
                var handshake = clock.Connected != 0 ? Stopwatch.GetElapsedTime(clock.Connected, clock.Secured) : TimeSpan.Zero;
                clock.Tls = capture.Report(context.InitialRequestMessage.RequestUri?.IdnHost ?? url.IdnHost, ssl, options.ExtraTrust, options.Time.GetUtcNow(), handshake, null);
            }

            return ValueTask.FromResult<Stream>(new FirstByteStream(context.PlaintextStream, t => clock.RequestSent = t, t => clock.FirstByte = t));
        },
        // The certificate is judged after the handshake (HttpReport.Tls), and by reach check's own TLS report, which
        // fails the target when it is not trusted; here it only carries the page, so a self-signed server still shows
        // its status code.
#pragma warning disable CA5359 // Judged afterwards: see TlsHandshakeCapture.Report.
        SslOptions = { RemoteCertificateValidationCallback = capture is null ? UseWithoutJudging : capture.Accept },
#pragma warning restore CA5359
    };

#pragma warning disable CA5359 // See above: judged by the TLS report.
    private static bool UseWithoutJudging(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors) => true;
#pragma warning restore CA5359

    private static async Task<IPEndPoint> ResolveAsync(DnsEndPoint endPoint, Clock clock, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var addresses = await Dns.GetHostAddressesAsync(endPoint.Host, cancellationToken).ConfigureAwait(false);
        clock.Dns = Stopwatch.GetElapsedTime(started);
        return addresses.Length > 0
            ? new IPEndPoint(addresses[0], endPoint.Port)
            : throw new HttpRequestException(HttpRequestError.NameResolutionError, $"{endPoint.Host} has no address");
    }

    private static string Line(string? text) => Printable.OneLine(text, 200);

    /// <summary>Timestamps of one exchange (Stopwatch ticks; 0: not reached).</summary>
    private sealed class Clock
    {
        public TimeSpan? Dns { get; set; }

        /// <summary>The https connection's handshake and certificate verdict, taken as the request starts.</summary>
        public TlsReport? Tls { get; set; }

        public long Started { get; private set; }

        public long ConnectStarted { get; set; }

        public long Connected { get; set; }

        public long Secured { get; set; }

        public long RequestSent { get; set; }

        public long FirstByte { get; set; }

        public void Restart()
        {
            Started = Stopwatch.GetTimestamp();
            ConnectStarted = Connected = Secured = RequestSent = FirstByte = 0;
            Tls = null;
        }

        public HttpTiming Timing(Uri url) => new(
            Dns,
            Between(ConnectStarted, Connected),
            url.Scheme == Uri.UriSchemeHttps ? Between(Connected, Secured) : null,
            Between(RequestSent, FirstByte),
            Stopwatch.GetElapsedTime(Started) + (Dns ?? TimeSpan.Zero));

        private static TimeSpan? Between(long from, long to) => from != 0 && to != 0 ? Stopwatch.GetElapsedTime(from, to) : null;
    }
}
