using System.Net;
using System.Net.Sockets;
using System.Text;
using Reach.External;
using Reach.Probes;

namespace Reach.Core.Tests.External;

public class ReflectorClientTests
{
    private static readonly Uri Base = new("http://203.0.113.7:9106/");

    [Fact]
    public async Task GetAddress_ReadsTheIp_IgnoringUnknownFields()
    {
        var handler = new StubHandler(HttpStatusCode.OK, """{"ip":"203.0.113.7","seen_via":"tcp","extra":{"a":1}}""");
        using var client = new ReflectorClient(Base, TimeSpan.FromSeconds(5), handler);

        var outcome = await client.GetAddressAsync(TestContext.Current.CancellationToken);

        Assert.Null(outcome.Failure);
        Assert.Equal(IPAddress.Parse("203.0.113.7"), outcome.Value);
        Assert.Equal("http://203.0.113.7:9106/v1/ip", handler.Requests.Single().Uri);
        Assert.Equal("GET", handler.Requests.Single().Method);
    }

    [Fact]
    public async Task Check_PostsThePorts_AndReadsEachResult()
    {
        var handler = new StubHandler(HttpStatusCode.OK, """
            {"ip":"::ffff:203.0.113.7","results":[
              {"port":8080,"state":"open","reason":"syn-ack","rtt_ms":0.412,"explanation":"accepted"},
              {"port":22,"state":"filtered","reason":"no-response","rtt_ms":null},
              {"port":25,"state":"half-open","reason":"new-word"}]}
            """);
        using var client = new ReflectorClient(Base, TimeSpan.FromSeconds(5), handler);

        var outcome = await client.CheckAsync([8080, 22, 25], TestContext.Current.CancellationToken);

        Assert.Null(outcome.Failure);
        var check = outcome.Value!;
        Assert.Equal(IPAddress.Parse("203.0.113.7"), check.PublicAddress);
        Assert.Equal(new OutsidePortResult(8080, PortState.Open, ProbeReason.SynAck, 0.412, "accepted"), check.Results[0]);
        Assert.Equal(new OutsidePortResult(22, PortState.Filtered, ProbeReason.NoResponse, null, null), check.Results[1]);
        Assert.Equal(PortState.Error, check.Results[2].State);
        Assert.Equal("half-open", check.Results[2].StateWord);
        Assert.Equal((null, "new-word"), (check.Results[2].Reason, check.Results[2].ReasonWord));
        var request = handler.Requests.Single();
        Assert.Equal("POST", request.Method);
        Assert.Equal("http://203.0.113.7:9106/v1/check", request.Uri);
        Assert.Equal("application/json", request.ContentType);
        using var body = System.Text.Json.JsonDocument.Parse(request.Body!);
        Assert.Equal([8080, 22, 25], body.RootElement.GetProperty("ports").EnumerateArray().Select(p => p.GetInt32()));
        Assert.Equal("tcp", body.RootElement.GetProperty("proto").GetString());
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, """{"error":"ports: 70000 is out of range"}""", "answered 400 Bad Request: ports: 70000 is out of range")]
    [InlineData(HttpStatusCode.Forbidden, """{"error":"private callers are refused (start the reflector with --allow-private)"}""", "answered 403 Forbidden: private callers are refused (start the reflector with --allow-private)")]
    [InlineData(HttpStatusCode.RequestEntityTooLarge, """{"error":"at most 16 ports"}""", "answered 413 Payload Too Large: at most 16 ports")]
    [InlineData(HttpStatusCode.NotFound, "<html>nope</html>", "answered 404 Not Found: no such path: is this a reach reflector URL?")]
    [InlineData(HttpStatusCode.InternalServerError, "", "answered 500 Internal Server Error: no reason given")]
    public async Task HttpErrors_CarryTheStatus_AndTheReflectorsOwnSentence(HttpStatusCode status, string body, string expected)
    {
        using var client = new ReflectorClient(Base, TimeSpan.FromSeconds(5), new StubHandler(status, body));

        var outcome = await client.CheckAsync([8080], TestContext.Current.CancellationToken);

        Assert.Null(outcome.Value);
        Assert.Equal(ReflectorFailureKind.HttpError, outcome.Failure!.Kind);
        Assert.Equal((int)status, outcome.Failure.Status);
        Assert.Equal($"the reflector at {Base} {expected}", outcome.Failure.Message);
    }

    [Fact]
    public async Task TooManyRequests_SaysHowLongToWait()
    {
        var handler = new StubHandler(HttpStatusCode.TooManyRequests, """{"error":"rate limit: 10 checks per minute"}""", retryAfter: TimeSpan.FromSeconds(42));
        using var client = new ReflectorClient(Base, TimeSpan.FromSeconds(5), handler);

        var outcome = await client.CheckAsync([8080], TestContext.Current.CancellationToken);

        Assert.Equal(ReflectorFailureKind.RateLimited, outcome.Failure!.Kind);
        Assert.Equal(TimeSpan.FromSeconds(42), outcome.Failure.RetryAfter);
        Assert.Equal($"the reflector at {Base} refuses more checks from this address for now (429 Too Many Requests: rate limit: 10 checks per minute): try again in 42 s", outcome.Failure.Message);
    }

    [Theory]
    [InlineData("<html><body>Welcome to nginx!</body></html>", "text/html, not its JSON")]
    [InlineData("""{"hello":"world"}""", "a check answer without \"ip\" or \"results\"")]
    [InlineData("""{"ip":"not-an-address","results":[]}""", "a check answer without \"ip\" or \"results\"")]
    [InlineData("null", "null")]
    public async Task NotAReflector_SaysSo(string body, string what)
    {
        using var client = new ReflectorClient(Base, TimeSpan.FromSeconds(5), new StubHandler(HttpStatusCode.OK, body, mediaType: body.StartsWith('<') ? "text/html" : "application/json"));

        var outcome = await client.CheckAsync([8080], TestContext.Current.CancellationToken);

        Assert.Equal(ReflectorFailureKind.NotJson, outcome.Failure!.Kind);
        Assert.Equal($"the reflector at {Base} answered with {what}: is this a reach reflector URL?", outcome.Failure.Message);
    }

    [Fact]
    public async Task ConnectionRefused_IsUnreachable_InWords()
    {
        var port = ClosedLoopbackPort();
        var url = new Uri($"http://127.0.0.1:{port}/");
        using var client = new ReflectorClient(url, TimeSpan.FromSeconds(5));

        var outcome = await client.CheckAsync([8080], TestContext.Current.CancellationToken);

        Assert.Equal(ReflectorFailureKind.Unreachable, outcome.Failure!.Kind);
        Assert.Equal($"cannot reach the reflector at {url}: connection refused (nothing listens there)", outcome.Failure.Message);
    }

    [Fact]
    public async Task NoAnswerWithinTheTimeout_IsTimedOut()
    {
        // A listener of this test that accepts but never answers.
        using var silent = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        silent.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        silent.Listen(4);
        var url = new Uri($"http://127.0.0.1:{((IPEndPoint)silent.LocalEndPoint!).Port}/");
        using var client = new ReflectorClient(url, TimeSpan.FromMilliseconds(300));

        var outcome = await client.GetAddressAsync(TestContext.Current.CancellationToken);

        Assert.Equal(ReflectorFailureKind.TimedOut, outcome.Failure!.Kind);
        Assert.Equal($"the reflector at {url} did not answer within 300 ms", outcome.Failure.Message);
    }

    [Fact]
    public async Task RealConnection_RecordsTheLocalEndPoint_ItLeftFrom()
    {
        using var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        server.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        server.Listen(4);
        var serve = AnswerOnceAsync(server, """{"ip":"203.0.113.7"}""");
        using var client = new ReflectorClient(new Uri($"http://127.0.0.1:{((IPEndPoint)server.LocalEndPoint!).Port}/"), TimeSpan.FromSeconds(5));

        var outcome = await client.GetAddressAsync(TestContext.Current.CancellationToken);
        var peer = await serve;

        Assert.Equal(IPAddress.Parse("203.0.113.7"), outcome.Value);
        Assert.Equal(IPAddress.Loopback, client.LocalEndPoint!.Address);
        Assert.Equal(peer.Port, client.LocalEndPoint.Port);
    }

    [Fact]
    public async Task CallerCancellation_Throws_NotAFailure()
    {
        using var client = new ReflectorClient(Base, TimeSpan.FromSeconds(5), new StubHandler(HttpStatusCode.OK, "{}"));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.CheckAsync([8080], cancelled.Token));
    }

    private static int ClosedLoopbackPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    /// <summary>Accepts one connection, reads the request head, answers 200 with <paramref name="json"/>; returns the client's end point.</summary>
    private static async Task<IPEndPoint> AnswerOnceAsync(Socket server, string json)
    {
        using var connection = await server.AcceptAsync(TestContext.Current.CancellationToken);
        var buffer = new byte[4096];
        var head = new StringBuilder();
        while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await connection.ReceiveAsync(buffer, TestContext.Current.CancellationToken);
            if (read == 0)
            {
                break;
            }

            head.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        var body = Encoding.UTF8.GetBytes(json);
        var answer = Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n");
        await connection.SendAsync(answer.Concat(body).ToArray(), TestContext.Current.CancellationToken);
        return (IPEndPoint)connection.RemoteEndPoint!;
    }

    /// <summary>Answers every request with one canned response and records what was asked.</summary>
    private sealed class StubHandler(HttpStatusCode status, string body, TimeSpan? retryAfter = null, string mediaType = "application/json") : HttpMessageHandler
    {
        public List<(string Method, string Uri, string? ContentType, string? Body)> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var content = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
            Requests.Add((request.Method.Method, request.RequestUri!.ToString(), request.Content?.Headers.ContentType?.MediaType, content));
            var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, mediaType) };
            if (retryAfter is { } wait)
            {
                response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(wait);
            }

            return response;
        }
    }
}
