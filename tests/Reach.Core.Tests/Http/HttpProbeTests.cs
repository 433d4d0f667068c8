using System.Collections.Concurrent;
using System.Net.Sockets;
using Reach.Core.Tests.TestSupport;
using Reach.Http;

namespace Reach.Core.Tests.Http;

/// <summary>One HTTP exchange against loopback servers: answers, redirects, HTTPS, silence, garbage, hostile headers.</summary>
public class HttpProbeTests
{
    private static readonly HttpProbeOptions Options = new() { Timeout = TimeSpan.FromSeconds(3) };
    private readonly CancellationToken ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Redirect_IsReported_NotFollowed_WithServerAndPhases()
    {
        var requests = new ConcurrentQueue<string>();
        using var server = HttpServer.Answering(_ => "HTTP/1.1 301 Moved Permanently\r\nServer: nginx/1.22.1\r\nLocation: https://www.reach.test/\r\nContent-Length: 0\r\n\r\n", requests);

        var report = await HttpProbe.ProbeAsync(server.EndPoint, new Uri($"http://www.reach.test:{server.EndPoint.Port}/old"), TimeSpan.FromMilliseconds(2), Options, ct);

        Assert.Null(report.Error);
        Assert.Equal(301, report.StatusCode);
        Assert.Equal("Moved Permanently", report.Reason);
        Assert.Equal("HTTP/1.1", report.Version);
        Assert.Equal("https://www.reach.test/", report.Location);
        Assert.Equal("nginx/1.22.1", report.Server);
        Assert.Empty(report.Redirects);
        Assert.Equal(TimeSpan.FromMilliseconds(2), report.Timing.Dns);
        Assert.NotNull(report.Timing.Connect);
        Assert.NotNull(report.Timing.FirstByte);
        Assert.Null(report.Timing.Tls);
        Assert.True(report.Timing.Total >= report.Timing.Connect!.Value + report.Timing.FirstByte!.Value);
        var request = Assert.Single(requests);
        Assert.StartsWith("GET /old HTTP/1.1\r\n", request, StringComparison.Ordinal);
        Assert.Contains($"Host: www.reach.test:{server.EndPoint.Port}\r\n", request, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Follow_GoesToTheLocation_AndListsTheHops()
    {
        using var server = HttpServer.Answering(path => path == "/"
            ? "HTTP/1.1 302 Found\r\nLocation: /login\r\nContent-Length: 0\r\n\r\n"
            : "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello");
        var url = new Uri($"http://127.0.0.1:{server.EndPoint.Port}/");

        var report = await HttpProbe.ProbeAsync(server.EndPoint, url, null, Options with { Follow = true }, ct);

        Assert.True(report.StatusCode == 200, report.Error);
        Assert.Equal(5, report.BodyBytes);
        Assert.Equal($"http://127.0.0.1:{server.EndPoint.Port}/login", report.Url.AbsoluteUri);
        var hop = Assert.Single(report.Redirects);
        Assert.Equal((url, 302, "/login"), (hop.Url, hop.StatusCode, hop.Location));
    }

    [Fact]
    public async Task Https_TimesTheTlsPhase_AndShowsAnUntrustedServersPage()
    {
        using var leaf = TestCertificates.Leaf();
        using var server = new TlsTestServer(leaf) { HttpAnswer = "HTTP/1.1 204 No Content\r\nServer: test\r\n\r\n"u8.ToArray() };

        var report = await HttpProbe.ProbeAsync(server.EndPoint, new Uri($"https://{TestCertificates.Name}:{server.EndPoint.Port}/"), null, Options, ct);

        Assert.Null(report.Error);
        Assert.Equal(204, report.StatusCode);
        Assert.NotNull(report.Timing.Tls);
    }

    [Fact]
    public async Task Https_JudgesTheAnswersCertificate_FromTheSameConnection()
    {
        using var leaf = TestCertificates.Leaf(days: 30);
        using var server = new TlsTestServer(leaf, TestCertificates.Intermediate.Value) { HttpAnswer = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"u8.ToArray() };
        var url = new Uri($"https://{TestCertificates.Name}:{server.EndPoint.Port}/");

        var unjudged = await HttpProbe.ProbeAsync(server.EndPoint, url, null, Options, ct);
        var untrusted = await HttpProbe.ProbeAsync(server.EndPoint, url, null, Options with { JudgeCertificate = true }, ct);
        var trusted = await HttpProbe.ProbeAsync(server.EndPoint, url, null, Options with { JudgeCertificate = true, ExtraTrust = [TestCertificates.Root.Value] }, ct);

        Assert.Null(unjudged.Tls); // reach check judges it in its own TLS report

        Assert.Equal((200, 200, 200), (unjudged.StatusCode, untrusted.StatusCode, trusted.StatusCode)); // the page is shown either way
        Assert.Equal([Reach.Tls.TlsProblem.UnknownIssuer], untrusted.Tls!.Problems);
        Assert.True(trusted.Tls!.Trusted, string.Join(", ", trusted.Tls.Problems));
        Assert.StartsWith("TLSv1.", trusted.Tls.Protocol, StringComparison.Ordinal);
        Assert.Equal($"CN={TestCertificates.Name}", trusted.Tls.Chain[0].Subject);
        Assert.Equal(29, trusted.Tls.DaysLeft); // valid for 30 days from the moment it was made: 29 whole days and some hours left
        Assert.Equal(TestCertificates.Name, trusted.Tls.ServerName);
    }

    [Fact]
    public async Task PlainHttp_HasNoTlsReport_AndKeepsNoBodyUnlessAsked()
    {
        using var server = HttpServer.Answering(_ => "HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\nhello world");
        var url = new Uri($"http://127.0.0.1:{server.EndPoint.Port}/");

        var report = await HttpProbe.ProbeAsync(server.EndPoint, url, null, Options, ct);
        var kept = await HttpProbe.ProbeAsync(server.EndPoint, url, null, Options with { BodyLimit = 5 }, ct);

        Assert.Null(report.Tls);
        Assert.True(report.Body.IsEmpty);
        Assert.Equal(11, kept.BodyBytes);
        Assert.Equal("hello"u8.ToArray(), kept.Body.ToArray());
    }

    [Fact]
    public async Task Follow_OneDeadlineForTheWholeChain_NotOnePerHop()
    {
        // Each hop answers after 300 ms: alone within the 500 ms timeout, together not.
        using var server = new GreetingServer(async (client, token) =>
        {
            using var stream = new NetworkStream(client, ownsSocket: false);
            var request = await HttpServer.ReadRequestAsync(stream, token);
            await Task.Delay(300, token);
            var next = request.StartsWith("GET /3 ", StringComparison.Ordinal) ? "/done" : "/" + (request[5] == ' ' ? 1 : request[5] - '0' + 1);
            await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes($"HTTP/1.1 302 Found\r\nLocation: {next}\r\nContent-Length: 0\r\n\r\n"), token);
        });
        var url = new Uri($"http://127.0.0.1:{server.EndPoint.Port}/");

        var one = await HttpProbe.ProbeAsync(server.EndPoint, url, null, Options with { Timeout = TimeSpan.FromMilliseconds(500) }, ct);
        var chain = await HttpProbe.ProbeAsync(server.EndPoint, url, null, Options with { Timeout = TimeSpan.FromMilliseconds(500), Follow = true }, ct);

        Assert.Equal(302, one.StatusCode);
        Assert.Equal("no complete answer within 500ms", chain.Error);
        Assert.Single(chain.Redirects); // the first hop came back in time, the second did not
    }

    [Fact]
    public async Task SilentServer_FailsAtTheTimeout_WithAReason()
    {
        using var server = new GreetingServer(GreetingServer.HoldAsync);

        var report = await HttpProbe.ProbeAsync(server.EndPoint, new Uri($"http://127.0.0.1:{server.EndPoint.Port}/"), null, Options with { Timeout = TimeSpan.FromMilliseconds(500) }, ct);

        Assert.Null(report.StatusCode);
        Assert.Equal("no complete answer within 500ms", report.Error);
    }

    [Fact]
    public async Task NotHttp_IsSaidSo()
    {
        using var server = GreetingServer.Sending("SSH-2.0-OpenSSH_9.2p1\r\n"u8.ToArray());

        var report = await HttpProbe.ProbeAsync(server.EndPoint, new Uri($"http://127.0.0.1:{server.EndPoint.Port}/"), null, Options, ct);

        Assert.Null(report.StatusCode);
        Assert.Equal("the answer is not HTTP", report.Error);
    }

    [Fact]
    public async Task HostileHeaders_AreEscaped_AndTheBodyIsBounded()
    {
        var huge = new byte[HttpProbe.MaxBody * 3];
        using var server = new GreetingServer(async (client, token) =>
        {
            using var stream = new NetworkStream(client, ownsSocket: false);
            await HttpServer.ReadRequestAsync(stream, token);
            await stream.WriteAsync("HTTP/1.1 200 \u001b[31mOK\r\nServer: evil\u001b]0;pwned\u0007\r\nContent-Length: 3145728\r\n\r\n"u8.ToArray(), token);
            await stream.WriteAsync(huge, token);
        });

        var report = await HttpProbe.ProbeAsync(server.EndPoint, new Uri($"http://127.0.0.1:{server.EndPoint.Port}/"), null, Options, ct);

        Assert.Equal(200, report.StatusCode);
        Assert.Equal("\\x1b[31mOK", report.Reason);
        Assert.Equal("evil\\x1b]0;pwned\\x07", report.Server);
        Assert.InRange(report.BodyBytes, HttpProbe.MaxBody, HttpProbe.MaxBody + (16 * 1024));
    }
}
