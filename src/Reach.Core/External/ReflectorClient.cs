using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Reach.Output;
using Reach.Probes;

namespace Reach.External;

/// <summary>
/// Talks to a reach reflector (<c>reach serve</c>): "what is my public address?" and "probe these ports of mine from
/// outside". Every failure is a <see cref="ReflectorFailure"/> in words; only the caller's cancellation throws.
/// </summary>
public sealed class ReflectorClient : IDisposable
{
    /// <summary>No answer of ours is large: a bigger one is not a reflector.</summary>
    private const int MaxAnswerBytes = 1 << 20;

    private readonly HttpClient _http;
    private readonly Uri _base;
    private readonly TimeSpan _timeout;
    private IPEndPoint? _localEndPoint;

    /// <param name="baseUrl">The reflector, as <see cref="ReflectorUrl.TryParse"/> returns it.</param>
    /// <param name="timeout">The longest each request may take, connecting included.</param>
    public ReflectorClient(Uri baseUrl, TimeSpan timeout)
        : this(baseUrl, timeout, null)
    {
    }

    /// <param name="baseUrl">The reflector.</param>
    /// <param name="timeout">The longest each request may take.</param>
    /// <param name="handler">A handler for tests; by default a direct connection that records its local address.</param>
    public ReflectorClient(Uri baseUrl, TimeSpan timeout, HttpMessageHandler? handler)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        _base = baseUrl;
        _timeout = timeout;
        _http = new HttpClient(handler ?? CreateDirectHandler(timeout, endPoint => Volatile.Write(ref _localEndPoint, endPoint)), disposeHandler: true)
        {
            Timeout = timeout,
            MaxResponseContentBufferSize = MaxAnswerBytes,
        };
    }

    /// <summary>
    /// This host's side of the last connection to the reflector: the address its traffic to the internet leaves from
    /// (the LAN address behind NAT). <see langword="null"/> before the first connection or with a test handler.
    /// </summary>
    public IPEndPoint? LocalEndPoint => Volatile.Read(ref _localEndPoint);

    /// <summary><c>GET /v1/ip</c>: this host's address as the reflector sees it.</summary>
    public async Task<ReflectorOutcome<IPAddress>> GetAddressAsync(CancellationToken cancellationToken)
    {
        var answer = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, new Uri(_base, "v1/ip")), ReachJsonContext.Wire.ReflectorIpWire, cancellationToken).ConfigureAwait(false);
        if (answer.Failure is not null)
        {
            return ReflectorOutcome.Failed<IPAddress>(answer.Failure);
        }

        return IPAddress.TryParse(answer.Value!.Ip, out var address)
            ? ReflectorOutcome.Success<IPAddress>(Normalize(address))
            : ReflectorOutcome.Failed<IPAddress>(NotReflector("an answer without a valid \"ip\""));
    }

    /// <summary><c>POST /v1/check</c>: the reflector connects to each TCP port of this host's public address.</summary>
    public async Task<ReflectorOutcome<OutsideCheck>> CheckAsync(IReadOnlyList<int> ports, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ports);
        var body = new ReflectorCheckRequestWire(ports, "tcp");
        var answer = await SendAsync(
            () => new HttpRequestMessage(HttpMethod.Post, new Uri(_base, "v1/check"))
            {
                Content = CompactJson(body, ReachJsonContext.Wire.ReflectorCheckRequestWire),
            },
            ReachJsonContext.Wire.ReflectorCheckWire,
            cancellationToken).ConfigureAwait(false);
        if (answer.Failure is not null)
        {
            return ReflectorOutcome.Failed<OutsideCheck>(answer.Failure);
        }

        var wire = answer.Value!;
        if (!IPAddress.TryParse(wire.Ip, out var address) || wire.Results is null)
        {
            return ReflectorOutcome.Failed<OutsideCheck>(NotReflector("a check answer without \"ip\" or \"results\""));
        }

        var results = wire.Results.Select(r => new OutsidePortResult(r.Port, ParseState(r.State), ParseReason(r.Reason), r.RttMs, r.Explanation)
        {
            StateWord = r.State ?? "missing",
            ReasonWord = r.Reason,
        }).ToList();
        return ReflectorOutcome.Success<OutsideCheck>(new OutsideCheck(Normalize(address), results));
    }

    public void Dispose() => _http.Dispose();

    /// <summary>nmap's words; anything else (a newer reflector's word, an error) is not a verdict on the port.</summary>
    public static PortState ParseState(string? word) => ProbeWords.TryParse(word, out PortState state) ? state : PortState.Error;

    /// <summary>nmap's reason; null for none, and for a word this version does not know.</summary>
    private static ProbeReason? ParseReason(string? word) => ProbeWords.TryParse(word, out ProbeReason reason) ? reason : null;

    private async Task<ReflectorOutcome<T>> SendAsync<T>(Func<HttpRequestMessage> create, JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class
    {
        using var request = create();
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ReflectorOutcome.Failed<T>(new(ReflectorFailureKind.TimedOut,
                $"the reflector at {_base} did not answer within {Seconds(_timeout)}"));
        }
        catch (HttpRequestException ex)
        {
            return ReflectorOutcome.Failed<T>(new(ReflectorFailureKind.Unreachable, $"cannot reach the reflector at {_base}: {Describe(ex)}"));
        }

        using (response)
        {
            string text;
            try
            {
                text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return ReflectorOutcome.Failed<T>(new(ReflectorFailureKind.TimedOut,
                    $"the reflector at {_base} did not finish its answer within {Seconds(_timeout)}"));
            }
            catch (HttpRequestException ex)
            {
                return ReflectorOutcome.Failed<T>(new(ReflectorFailureKind.Unreachable, $"the reflector at {_base} broke off its answer: {Describe(ex)}"));
            }

            return response.IsSuccessStatusCode
                ? Parse(text, type, response)
                : ReflectorOutcome.Failed<T>(HttpFailure(response, text));
        }
    }

    private ReflectorOutcome<T> Parse<T>(string text, JsonTypeInfo<T> type, HttpResponseMessage response)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize(text, type) is { } value
                ? ReflectorOutcome.Success<T>(value)
                : ReflectorOutcome.Failed<T>(NotReflector("null"));
        }
        catch (JsonException)
        {
            var media = response.Content.Headers.ContentType?.MediaType ?? "no content type";
            return ReflectorOutcome.Failed<T>(NotReflector($"{media}, not its JSON"));
        }
    }

    private ReflectorFailure HttpFailure(HttpResponseMessage response, string text)
    {
        var status = (int)response.StatusCode;
        var statusText = $"{status.ToString(CultureInfo.InvariantCulture)} {ReasonPhrase(response)}".TrimEnd();
        var sentence = ErrorSentence(text);
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            var wait = RetryAfter(response);
            var again = wait is { } w ? $"try again in {Seconds(w)}" : "try again later";
            return new(ReflectorFailureKind.RateLimited,
                $"the reflector at {_base} refuses more checks from this address for now ({statusText}{(sentence is null ? string.Empty : ": " + sentence)}): {again}",
                status,
                wait);
        }

        var detail = sentence ?? (status == 404 ? "no such path: is this a reach reflector URL?" : "no reason given");
        return new(ReflectorFailureKind.HttpError, $"the reflector at {_base} answered {statusText}: {detail}", status);
    }

    private ReflectorFailure NotReflector(string what) =>
        new(ReflectorFailureKind.NotJson, $"the reflector at {_base} answered with {what}: is this a reach reflector URL?");

    /// <summary>The reflector's <c>{"error": "..."}</c> sentence, when the body is one.</summary>
    private static string? ErrorSentence(string text)
    {
        try
        {
            return JsonSerializer.Deserialize(text, ReachJsonContext.Wire.ReflectorErrorWire)?.Error is { Length: > 0 } error ? error : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        return header?.Date is { } date ? TimeSpan.FromSeconds(Math.Max(0, Math.Ceiling((date - DateTimeOffset.UtcNow).TotalSeconds))) : null;
    }

    private static string ReasonPhrase(HttpResponseMessage response) => response.StatusCode switch
    {
        HttpStatusCode.BadRequest => "Bad Request",
        HttpStatusCode.Forbidden => "Forbidden",
        HttpStatusCode.NotFound => "Not Found",
        HttpStatusCode.MethodNotAllowed => "Method Not Allowed",
        HttpStatusCode.RequestEntityTooLarge => "Payload Too Large",
        HttpStatusCode.UnsupportedMediaType => "Unsupported Media Type",
        HttpStatusCode.TooManyRequests => "Too Many Requests",
        HttpStatusCode.InternalServerError => "Internal Server Error",
        HttpStatusCode.BadGateway => "Bad Gateway",
        HttpStatusCode.ServiceUnavailable => "Service Unavailable",
        _ => response.ReasonPhrase ?? string.Empty,
    };

    /// <summary>
    /// The cause in words. The AOT binary trims the runtime's messages to resource keys, so the socket error and the
    /// request error kind are named here.
    /// </summary>
    private static string Describe(HttpRequestException ex)
    {
        for (Exception? inner = ex; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException socket)
            {
                return socket.SocketErrorCode switch
                {
                    SocketError.ConnectionRefused => "connection refused (nothing listens there)",
                    SocketError.HostUnreachable => "no route to host",
                    SocketError.NetworkUnreachable => "network unreachable (no route)",
                    SocketError.TimedOut => "connect timed out",
                    SocketError.HostNotFound or SocketError.NoData => "host name not found",
                    SocketError.TryAgain => "host name lookup failed (temporary)",
                    SocketError.ConnectionReset => "connection reset",
                    SocketError.AccessDenied => "permission denied (a local firewall?)",
                    var other => $"socket error {other}",
                };
            }
        }

        return ex.HttpRequestError switch
        {
            HttpRequestError.NameResolutionError => "host name not found",
            HttpRequestError.ConnectionError => "cannot connect",
            HttpRequestError.SecureConnectionError => "TLS handshake failed (certificate or protocol)",
            HttpRequestError.ResponseEnded => "the connection closed before a full answer",
            HttpRequestError.InvalidResponse => "not an HTTP answer",
            HttpRequestError.ProxyTunnelError => "proxy tunnel failed",
            HttpRequestError.ConfigurationLimitExceeded => "the answer is too large for a reflector",
            _ => ex.HttpRequestError.ToString(),
        };
    }

    private static string Seconds(TimeSpan span) =>
        span.TotalSeconds >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.#} s")
            : string.Create(CultureInfo.InvariantCulture, $"{span.TotalMilliseconds:0} ms");

    /// <summary>A compact body with a Content-Length (not chunked): small and easy on any server.</summary>
    private static ByteArrayContent CompactJson<T>(T value, JsonTypeInfo<T> type)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false }))
        {
            JsonSerializer.Serialize(writer, value, type);
        }

        var content = new ByteArrayContent(buffer.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }

    private static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    /// <summary>
    /// A direct connection (no proxy: the reflector must see this host's own address) that reports the local end
    /// of each connection it opens.
    /// </summary>
    private static SocketsHttpHandler CreateDirectHandler(TimeSpan timeout, Action<IPEndPoint> connected) => new()
    {
        UseProxy = false,
        ConnectTimeout = timeout,
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken).ConfigureAwait(false);
                if (socket.LocalEndPoint is IPEndPoint local)
                {
                    connected(new IPEndPoint(Normalize(local.Address), local.Port));
                }

                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };
}
