using Reach.Checking;
using Reach.Core.Tests.TestSupport;
using Reach.Http;
using Reach.Probes;
using Reach.Targets;

namespace Reach.Core.Tests.Checking;

/// <summary>URL targets and <c>--http</c> in the check's verdict: the status decides, and only a given prober asks.</summary>
public sealed class CheckRunnerHttpTests
{
    private readonly CancellationToken ct = TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("200 OK", TargetStatus.Open)]
    [InlineData("302 Found", TargetStatus.Open)]
    [InlineData("503 Service Unavailable", TargetStatus.HttpFailed)]
    public async Task UrlTarget_TheStatusDecides(string status, TargetStatus expected)
    {
        using var server = HttpServer.Answering(_ => $"HTTP/1.1 {status}\r\nContent-Length: 0\r\n\r\n");

        var report = await CheckAsync($"http://127.0.0.1:{server.EndPoint.Port}/health", HttpProbe.Prober);

        Assert.Equal(expected, report.Status);
        Assert.Equal(int.Parse(status[..3], System.Globalization.CultureInfo.InvariantCulture), report.Primary!.Http!.StatusCode);
        if (expected == TargetStatus.HttpFailed)
        {
            Assert.StartsWith($"the web server answered {status} to http://127.0.0.1:{server.EndPoint.Port}/health (accepted: 200-399)", report.Explanation, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task WithoutAProber_NoHttpIsAsked_ThePortDecides()
    {
        using var server = HttpServer.Answering(_ => "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n");

        var report = await CheckAsync($"http://127.0.0.1:{server.EndPoint.Port}/", null);

        Assert.Equal(TargetStatus.Open, report.Status);
        Assert.Null(report.Primary!.Http);
    }

    private async Task<TargetReport> CheckAsync(string url, HttpProber? prober)
    {
        Assert.True(TargetParser.TryParse(url, out var target, out var error), error);
        var runner = new CheckRunner(new StubResolver([]), new TcpConnectProbe());
        return await runner.CheckAsync(target, new CheckOptions { Ping = false, Timeout = TimeSpan.FromSeconds(3), AskHttp = prober }, ct);
    }
}
