using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Reach.Reflector.Tests.Integration;

/// <summary>
/// The real <c>reach serve</c> on 127.0.0.1, asked over HTTP. Every port probed is one the test opened itself: listeners
/// counting their connections, and sockets bound without listening (a port held closed).
/// </summary>
public sealed class ServeIntegrationTests
{
    private static readonly IPAddress Other = IPAddress.Parse("127.0.0.2");

    [Fact]
    public async Task Ip_IsTheCallersAddress()
    {
        using var serve = await ServeProcess.StartAsync("--allow-private");

        var answer = await GetJsonAsync(serve, "v1/ip", HttpStatusCode.OK);

        Assert.Equal("127.0.0.1", answer.GetProperty("ip").GetString());
    }

    [Fact]
    public async Task Check_OpenAndClosedPortsOfTheCaller()
    {
        using var serve = await ServeProcess.StartAsync("--allow-private");
        using var open = new CountingListener(IPAddress.Loopback);
        using var closed = HeldClosed(IPAddress.Loopback);

        var answer = await PostAsync(serve, $$"""{"ports":[{{open.Port}},{{Port(closed)}}]}""", HttpStatusCode.OK);

        Assert.Equal("127.0.0.1", answer.GetProperty("ip").GetString());
        var results = answer.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal([open.Port, Port(closed)], results.Select(r => r.GetProperty("port").GetInt32()));
        Assert.Equal(["open", "closed"], results.Select(r => r.GetProperty("state").GetString()));
        Assert.Equal(["syn-ack", "conn-refused"], results.Select(r => r.GetProperty("reason").GetString()));
        Assert.True(results[0].GetProperty("rtt_ms").GetDouble() > 0);
        Assert.Equal(JsonValueKind.Null, results[1].GetProperty("rtt_ms").ValueKind);
        Assert.False(string.IsNullOrEmpty(results[0].GetProperty("explanation").GetString()));
        Assert.Equal(1, await open.AcceptedAsync(1));
    }

    [Theory]
    [InlineData("""{"ports":[PORT],"host":"127.0.0.2"}""")]
    [InlineData("""{"ports":[PORT],"ip":"127.0.0.2"}""")]
    [InlineData("""{"ports":[PORT],"target":{"host":"127.0.0.2","port":PORT}}""")]
    [InlineData("""{"ports":["127.0.0.2:PORT"]}""")]
    public async Task CraftedBodies_CannotNameAnotherAddress(string template)
    {
        using var serve = await ServeProcess.StartAsync("--allow-private");
        var (third, twins) = SamePort.Open(() => new CountingListener(Other), l => l.Port, p => HeldClosed(IPAddress.Loopback, p));
        using var thirdListener = third;
        using var own = twins[0];

        var answer = await PostAsync(serve, template.Replace("PORT", third.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal), HttpStatusCode.BadRequest);

        Assert.False(string.IsNullOrEmpty(answer.GetProperty("error").GetString()));
        Assert.Equal(0, third.Accepted);
    }

    [Theory]
    [InlineData("v1/check?host=127.0.0.2", "'host'")]
    [InlineData("v1/check?ip=127.0.0.2&port=1", "'ip'")]
    [InlineData("v1/check?", "'?'")]
    [InlineData("v1/ip?ip=127.0.0.2", "'ip'")]
    public async Task QueryParameters_AreRefused_NotIgnored(string pathAndQuery, string named)
    {
        using var serve = await ServeProcess.StartAsync("--allow-private");
        using var own = new CountingListener(IPAddress.Loopback);
        using var request = new HttpRequestMessage(pathAndQuery.StartsWith("v1/ip", StringComparison.Ordinal) ? HttpMethod.Get : HttpMethod.Post, new Uri(pathAndQuery, UriKind.Relative))
        {
            Content = new StringContent($$"""{"ports":[{{own.Port}}]}""", Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };

        using var response = await serve.Client.SendAsync(request, TestContext.Current.CancellationToken);
        var answer = await ReadAsync(response, HttpStatusCode.BadRequest, serve);

        Assert.Contains($"takes no query parameters, got {named}", answer.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, own.Accepted);
    }

    [Theory]
    [InlineData("X-Forwarded-For")]
    [InlineData("Forwarded")]
    [InlineData("X-Real-IP")]
    [InlineData("X-Client-IP")]
    public async Task ForwardingHeaders_FromAnUntrustedPeer_AreIgnored(string header)
    {
        using var serve = await ServeProcess.StartAsync("--allow-private");
        var (third, twins) = SamePort.Open(() => new CountingListener(Other), l => l.Port, p => HeldClosed(IPAddress.Loopback, p));
        using var thirdListener = third;
        using var own = twins[0];
        var value = header == "Forwarded" ? "for=127.0.0.2" : "127.0.0.2";

        var answer = await PostAsync(serve, $$"""{"ports":[{{third.Port}}]}""", HttpStatusCode.OK, (header, value));

        Assert.Equal("127.0.0.1", answer.GetProperty("ip").GetString());
        Assert.Equal("closed", answer.GetProperty("results")[0].GetProperty("state").GetString());
        Assert.Equal(0, third.Accepted);
    }

    [Fact]
    public async Task ForwardedFor_FromATrustedProxy_IsTheAddressProbed()
    {
        // The server sees the peer 127.0.0.1 (trusted) forwarding for 127.0.0.2; the client also wrote 127.0.0.3 in
        // front, which must never be believed. A listener on each of the three addresses counts what was contacted.
        using var serve = await ServeProcess.StartAsync("--allow-private", "--trust-proxy", "127.0.0.1");
        var (forwarded, twins) = SamePort.Open(
            () => new CountingListener(Other), l => l.Port, p => new CountingListener(IPAddress.Loopback, p), p => new CountingListener(IPAddress.Parse("127.0.0.3"), p));
        using var forwardedListener = forwarded;
        using var proxy = (CountingListener)twins[0];
        using var spoofed = (CountingListener)twins[1];

        var answer = await PostAsync(serve, $$"""{"ports":[{{forwarded.Port}}]}""", HttpStatusCode.OK, ("X-Forwarded-For", "127.0.0.3, 127.0.0.2"));

        Assert.Equal("127.0.0.2", answer.GetProperty("ip").GetString());
        Assert.Equal("open", answer.GetProperty("results")[0].GetProperty("state").GetString());
        Assert.Equal(1, await forwarded.AcceptedAsync(1));
        Assert.Equal(0, proxy.Accepted);
        Assert.Equal(0, spoofed.Accepted);
    }

    [Fact]
    public async Task ForwardedFor_FromAnUntrustedPeer_WhileAnotherProxyIsTrusted_IsIgnored()
    {
        using var serve = await ServeProcess.StartAsync("--allow-private", "--trust-proxy", "127.0.0.5/32");
        var (third, twins) = SamePort.Open(() => new CountingListener(Other), l => l.Port, p => new CountingListener(IPAddress.Loopback, p));
        using var thirdListener = third;
        using var own = (CountingListener)twins[0];

        var answer = await PostAsync(serve, $$"""{"ports":[{{third.Port}}]}""", HttpStatusCode.OK, ("X-Forwarded-For", "127.0.0.2"));

        Assert.Equal("127.0.0.1", answer.GetProperty("ip").GetString());
        Assert.Equal(1, await own.AcceptedAsync(1));
        Assert.Equal(0, third.Accepted);
    }

    [Theory]
    [InlineData("0.0.0.0", false)]
    [InlineData("0.0.0.0", true)]
    [InlineData("::ffff:0.0.0.0", false)]
    [InlineData("::", false)]
    [InlineData("::", true)]
    public async Task ForwardedUnspecifiedAddress_IsRefused_AndThisHostIsNotProbed(string forwarded, bool allowPrivate)
    {
        // A connect to 0.0.0.0 or :: reaches this very host: the reflector's own loopback services. The listener is on
        // the loopback address that connect would reach, and must see nothing.
        using var serve = await ServeProcess.StartAsync([.. allowPrivate ? ["--allow-private"] : Array.Empty<string>(), "--trust-proxy", "127.0.0.1"]);
        using var own = new CountingListener(forwarded.Contains("::", StringComparison.Ordinal) && !forwarded.Contains('.', StringComparison.Ordinal) ? IPAddress.IPv6Loopback : IPAddress.Loopback);

        var answer = await PostAsync(serve, $$"""{"ports":[{{own.Port}}]}""", HttpStatusCode.Forbidden, ("X-Forwarded-For", forwarded));

        Assert.Contains("is unspecified", answer.GetProperty("error").GetString(), StringComparison.Ordinal);
        await Task.Delay(200, TestContext.Current.CancellationToken);
        Assert.Equal(0, own.Accepted);
    }

    [Fact]
    public async Task RequestRateLimit_HoldsUnderABoundedBurst()
    {
        using var serve = await ServeProcess.StartAsync("--allow-private", "--requests-per-minute", "10");

        var statuses = new List<HttpStatusCode>();
        string? retryAfter = null;
        for (var i = 0; i < 50; i++)
        {
            using var response = await serve.Client.GetAsync(new Uri("v1/ip", UriKind.Relative), TestContext.Current.CancellationToken);
            statuses.Add(response.StatusCode);
            retryAfter ??= response.Headers.RetryAfter?.Delta?.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        Assert.Equal(10, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(40, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.All(statuses.Take(10), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.InRange(double.Parse(retryAfter!, System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        var metrics = await serve.Client.GetStringAsync(new Uri("metrics", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Contains("reach_reflector_rate_limited_total{limit=\"requests\"} 40", metrics, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "2001:db8:1:2::{0:x}", "2001:db8:1:3::1", "2001:db8:1:2::/64")]
    [InlineData("56", "2001:db8:1:2{0:x2}::1", "2001:db8:1:300::1", "2001:db8:1:200::/56")]
    public async Task RequestRateLimit_CountsAnIPv6PrefixAsOneClient(string? prefix, string rotating, string otherClient, string client)
    {
        // Addresses as a trusted proxy forwards them; GET /v1/ip probes nothing, so none of them is ever contacted.
        using var serve = await ServeProcess.StartAsync(["--allow-private", "--trust-proxy", "127.0.0.1", "--requests-per-minute", "5", .. prefix is null ? Array.Empty<string>() : ["--ipv6-prefix", prefix]]);

        var statuses = new List<HttpStatusCode>();
        string? refusal = null;
        for (var i = 1; i <= 20; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("v1/ip", UriKind.Relative));
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", string.Format(System.Globalization.CultureInfo.InvariantCulture, rotating, i));
            using var response = await serve.Client.SendAsync(request, TestContext.Current.CancellationToken);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refusal ??= await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            }
        }

        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(15, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.Contains($"too many requests from {client}: at most 5 per minute", refusal, StringComparison.Ordinal);
        using var other = new HttpRequestMessage(HttpMethod.Get, new Uri("v1/ip", UriKind.Relative));
        other.Headers.TryAddWithoutValidation("X-Forwarded-For", otherClient);
        using var otherResponse = await serve.Client.SendAsync(other, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, otherResponse.StatusCode);
    }

    [Fact]
    public async Task PortBudget_PerMinute_IsCountedInPorts()
    {
        using var serve = await ServeProcess.StartAsync("--allow-private", "--ports-per-minute", "5");
        using var a = new CountingListener(IPAddress.Loopback);
        using var b = new CountingListener(IPAddress.Loopback);
        using var c = new CountingListener(IPAddress.Loopback);
        using var d = new CountingListener(IPAddress.Loopback);

        await PostAsync(serve, $$"""{"ports":[{{a.Port}},{{b.Port}},{{c.Port}},{{d.Port}}]}""", HttpStatusCode.OK);
        var refused = await PostAsync(serve, $$"""{"ports":[{{a.Port}},{{b.Port}}]}""", HttpStatusCode.TooManyRequests);

        Assert.Contains("at most 5 per minute", refused.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, await a.AcceptedAsync(1));
    }

    [Fact]
    public async Task PortBudgetBelowMaxPorts_ARequestOverTheBudget_Is400_Not500()
    {
        // The limiter throws when asked for more than a whole window: --ports-per-minute 5 with the default 16 ports per
        // request answered 6 ports with an empty 500. Without --max-ports a request is now at most the budget.
        using var serve = await ServeProcess.StartAsync("--allow-private", "--ports-per-minute", "5");
        var listeners = Enumerable.Range(0, 6).Select(_ => new CountingListener(IPAddress.Loopback)).ToList();
        try
        {
            var answer = await PostAsync(serve, $$"""{"ports":[{{string.Join(',', listeners.Select(l => l.Port))}}]}""", HttpStatusCode.BadRequest);

            Assert.Contains("at most 5 ports per request", answer.GetProperty("error").GetString(), StringComparison.Ordinal);
            Assert.All(listeners, l => Assert.Equal(0, l.Accepted));
        }
        finally
        {
            listeners.ForEach(l => l.Dispose());
        }
    }

    [Fact]
    public async Task PrivateCaller_WithoutAllowPrivate_Is403()
    {
        using var serve = await ServeProcess.StartAsync();

        var answer = await GetJsonAsync(serve, "v1/ip", HttpStatusCode.Forbidden);

        Assert.Contains("127.0.0.1 is loopback", answer.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"ports":[70000]}""", "70000 is not a port number")]
    [InlineData("""{"ports":[80""", "not valid JSON")]
    [InlineData("""{"ports":[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17]}""", "at most 16 ports per request")]
    public async Task MalformedBodies_Get400WithAReason(string body, string reason)
    {
        using var serve = await ServeProcess.StartAsync("--allow-private");

        var answer = await PostAsync(serve, body, HttpStatusCode.BadRequest);

        Assert.Contains(reason, answer.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ErrorAnswer_OnTheWire_IsCompact_WithReadableQuotes()
    {
        using var serve = await ServeProcess.StartAsync("--allow-private");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("v1/check", UriKind.Relative))
        {
            Content = new StringContent("""{"ports":[80],"host":"192.0.2.1"}""", Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };

        using var response = await serve.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal(
            """{"error":"unknown field \"host\" (only \"ports\" and \"proto\"; the reflector probes only your own address)"}""",
            await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task WrongMethod_WrongType_TooLarge_GetTheirStatus()
    {
        using var serve = await ServeProcess.StartAsync("--allow-private");

        using (var get = await serve.Client.GetAsync(new Uri("v1/check", UriKind.Relative), TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.MethodNotAllowed, get.StatusCode);
            Assert.Contains("POST", get.Content.Headers.Allow);
        }

        using (var text = await serve.Client.PostAsync(new Uri("v1/check", UriKind.Relative), new StringContent("""{"ports":[80]}""", Encoding.UTF8, "text/plain"), TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, text.StatusCode);
        }

        var large = $$"""{"ports":[80],"pad":"{{new string('x', 8000)}}"}""";
        await PostAsync(serve, large, HttpStatusCode.RequestEntityTooLarge);

        // The same without Content-Length (chunked): still a JSON 413.
        using var chunked = new HttpRequestMessage(HttpMethod.Post, new Uri("v1/check", UriKind.Relative))
        {
            Content = new StringContent(large, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        chunked.Headers.TransferEncodingChunked = true;
        using var chunkedResponse = await serve.Client.SendAsync(chunked, TestContext.Current.CancellationToken);
        await ReadAsync(chunkedResponse, HttpStatusCode.RequestEntityTooLarge, serve);
    }

    [Fact]
    public async Task ListenOnAnIPv4MappedAddress_ListensOnThatIPv4Address()
    {
        // Issue 13: [::ffff:127.0.0.1]:PORT ended in "internal error: SocketException" and exit 70.
        using var serve = await ServeProcess.StartAsync(port => $"[::ffff:127.0.0.1]:{port}", "--allow-private");

        var answer = await GetJsonAsync(serve, "v1/ip", HttpStatusCode.OK);

        Assert.Equal("127.0.0.1", answer.GetProperty("ip").GetString());
        Assert.Contains($"reflector on http://127.0.0.1:{serve.Port}/", serve.Log, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("192.0.2.1", "Cannot assign requested address")]
    [InlineData("127.0.0.1", "Address already in use")]
    public async Task ListenWhereTheKernelRefuses_IsOneLineAndExit69(string address, string reason)
    {
        // 192.0.2.1 is no address of this host (binding to it sends nothing); on 127.0.0.1 the test holds the port.
        using var held = new CountingListener(IPAddress.Loopback);
        var listen = $"{address}:{held.Port}";

        var run = await ServeProcess.RunAsync("serve", "--listen", listen);

        Assert.Equal(69, run.ExitCode);
        Assert.Equal($"reach: cannot listen on {listen}: {reason} (--listen ADDR:PORT to change)", Assert.Single(run.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        Assert.Empty(run.StdOut);
    }

    [Fact]
    public async Task PrintUnit_CarriesTheOptions_AndBadOptionsExit2()
    {
        var unit = await ServeProcess.RunAsync("serve", "--listen", "0.0.0.0:9106", "--trust-proxy", "127.0.0.1", "--max-ports", "8", "--ipv6-prefix", "56", "--print-unit");
        Assert.Equal(0, unit.ExitCode);
        Assert.Contains("Type=notify", unit.StdOut, StringComparison.Ordinal);
        Assert.Matches(@"ExecStart=.* serve --listen 0\.0\.0\.0:9106 --trust-proxy 127\.0\.0\.1/32 --max-ports 8 --ipv6-prefix 56\n", unit.StdOut);

        foreach (var bad in new[]
        {
            new[] { "--listen", "127.0.0.1:70000" }, ["--trust-proxy", "proxy.lan"], ["--max-ports", "0"], ["--probe-timeout", "1m"], ["--listen", "none"],
            ["--ipv6-prefix", "16"], ["--ipv6-prefix", "129"], ["--ipv6-prefix", "0"], ["--ipv6-prefix", "/64"], ["--ports-per-minute", "5", "--max-ports", "6"],
        })
        {
            var run = await ServeProcess.RunAsync(["serve", .. bad, "--print-unit"]);
            Assert.Equal(2, run.ExitCode);
            var line = Assert.Single(run.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains(bad[0], line, StringComparison.Ordinal);
        }
    }

    private static int Port(Socket socket) => ((IPEndPoint)socket.LocalEndPoint!).Port;

    /// <summary>A port of this machine held closed: bound, never listening, so a connect to it is refused.</summary>
    private static Socket HeldClosed(IPAddress address, int port = 0)
    {
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(address, port));
        return socket;
    }

    private static async Task<JsonElement> GetJsonAsync(ServeProcess serve, string path, HttpStatusCode expected)
    {
        using var response = await serve.Client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
        return await ReadAsync(response, expected, serve);
    }

    private static async Task<JsonElement> PostAsync(ServeProcess serve, string body, HttpStatusCode expected, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("v1/check", UriKind.Relative))
        {
            Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await serve.Client.SendAsync(request, TestContext.Current.CancellationToken);
        return await ReadAsync(response, expected, serve);
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected, ServeProcess serve)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(expected == response.StatusCode, $"expected {expected}, got {response.StatusCode}: {text}\n{serve.Log}");
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
