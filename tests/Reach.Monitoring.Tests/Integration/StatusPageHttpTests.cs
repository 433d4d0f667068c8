using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Reach.Monitoring.Tests.TestSupport;

namespace Reach.Monitoring.Tests.Integration;

/// <summary>
/// The status page of the real <c>reach watch</c> over plain HTTP: the page and its assets with their content types
/// and caching headers, nothing from another host, and the two JSON endpoints the page adds (meta, series).
/// </summary>
public sealed partial class StatusPageHttpTests : IDisposable
{
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly CancellationToken ct = TestContext.Current.CancellationToken;

    public void Dispose() => http.Dispose();

    [Fact]
    public async Task PageAndAssets_HaveTheirContentTypesAndCaching_AndReferenceNoOtherHost()
    {
        using var server = await WatchServer.StartAsync();

        using var page = await http.GetAsync(server.BaseUrl + "/", ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", page.Content.Headers.ContentType?.CharSet);
        Assert.True(page.Headers.CacheControl?.NoCache, page.Headers.CacheControl?.ToString());
        Assert.Contains("default-src 'none'", string.Join(' ', page.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        var html = await page.Content.ReadAsStringAsync(ct);
        Assert.Contains("<title>reach watch: status</title>", html, StringComparison.Ordinal);

        var assets = AssetReference().Matches(html).Select(m => m.Groups["url"].Value).ToList();
        Assert.Equal(2, assets.Count);
        var bodies = new List<string> { html };
        foreach (var asset in assets)
        {
            using var response = await http.GetAsync(server.BaseUrl + asset, ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var expected = asset.Contains(".css?", StringComparison.Ordinal) ? "text/css" : "text/javascript";
            Assert.Equal(expected, response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Contains("immutable", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain("HASH", asset, StringComparison.Ordinal);
            bodies.Add(await response.Content.ReadAsStringAsync(ct));

            // A browser that has it revalidates with its ETag and gets a 304 without a body.
            using var again = new HttpRequestMessage(HttpMethod.Get, server.BaseUrl + asset);
            again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
            using var notModified = await http.SendAsync(again, ct);
            Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        }

        foreach (var body in bodies)
        {
            Assert.Empty(AnyUrl().Matches(body).Select(m => m.Value));
        }

        Assert.Equal(0, await server.Process.StopAsync());
    }

    [Fact]
    public async Task MetaAndSeries_GiveTheRefreshPeriodAndTheLatencyBuckets()
    {
        using var server = await WatchServer.StartAsync();

        var meta = JsonNode.Parse(await http.GetStringAsync(server.BaseUrl + "/api/meta", ct))!;
        Assert.Equal(WatchServer.IntervalSeconds, (int)meta["refresh_seconds"]!);
        Assert.False(string.IsNullOrEmpty((string)meta["version"]!));
        Assert.Equal(["web", "db"], meta["checks"]!.AsArray().Select(c => (string)c!["name"]!));
        Assert.Equal(1.0, (double)meta["checks"]![0]!["interval_seconds"]!);

        var target = server.TargetIds[0];
        JsonNode? series = null;
        await Eventually.TrueAsync(
            () =>
            {
                series = JsonNode.Parse(http.GetStringAsync($"{server.BaseUrl}/api/series?target={Uri.EscapeDataString(target)}&since=5m&bucket=1s", ct).GetAwaiter().GetResult());
                return series!["points"]!.AsArray().Count(p => p!["rtt_avg_ms"] is not null) >= 2;
            },
            $"two series points for {target}: {series}\n{server.Process.Log}",
            TimeSpan.FromSeconds(20));
        Assert.Equal(target, (string)series!["target"]!);
        Assert.Equal(1.0, (double)series["bucket_seconds"]!);
        var point = series["points"]!.AsArray().First(p => p!["rtt_avg_ms"] is not null)!;
        Assert.True((long)point["successes"]! >= 1, point.ToJsonString());
        Assert.True((double)point["rtt_min_ms"]! <= (double)point["rtt_avg_ms"]! && (double)point["rtt_avg_ms"]! <= (double)point["rtt_max_ms"]!, point.ToJsonString());

        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync($"{server.BaseUrl}/api/series?target=web%2F192.0.2.1%3A1"));
        Assert.Equal(HttpStatusCode.BadRequest, await StatusAsync($"{server.BaseUrl}/api/series?target={Uri.EscapeDataString(target)}&since=soon"));
        Assert.Equal(HttpStatusCode.BadRequest, await StatusAsync($"{server.BaseUrl}/api/series?target={Uri.EscapeDataString(target)}&since=30d&bucket=1s"));
        Assert.Equal(HttpStatusCode.BadRequest, await StatusAsync($"{server.BaseUrl}/api/series"));
        Assert.Equal(0, await server.Process.StopAsync());
    }

    [Fact]
    public async Task WithToken_PageAndAssetsLoadWithoutIt_ButNoDataDoes()
    {
        using var server = await WatchServer.StartAsync(token: "s3cret");
        var html = await http.GetStringAsync(server.BaseUrl + "/", ct);
        foreach (var asset in AssetReference().Matches(html).Select(m => m.Groups["url"].Value))
        {
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(server.BaseUrl + asset));
        }

        foreach (var path in new[] { "/api/meta", "/api/checks", "/api/incidents", "/api/series?target=x", "/page/missing.js" })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(server.BaseUrl + path));
        }

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(server.BaseUrl + "/api/meta", "s3cret"));
        Assert.Equal(0, await server.Process.StopAsync());
    }

    [Fact]
    public async Task WithToken_LowercaseScheme_IsAccepted_AndAnUnreadableIncidentsQuery_IsA400WithTheReason()
    {
        using var server = await WatchServer.StartAsync(token: "s3cret");

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(server.BaseUrl + "/api/checks", "s3cret", scheme: "bearer"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(server.BaseUrl + "/api/incidents?limit=5&open=true", "s3cret"));
        foreach (var (query, reason) in new[] { ("limit=-1", "limit: '-1'"), ("limit=abc", "limit: 'abc'"), ("open=maybe", "open: 'maybe'") })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, server.BaseUrl + "/api/incidents?" + query);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "s3cret");
            using var response = await http.SendAsync(request, ct);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var error = (string)JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))!["error"]!;
            Assert.StartsWith(reason, error, StringComparison.Ordinal);
        }

        Assert.Equal(0, await server.Process.StopAsync());
    }

    private async Task<HttpStatusCode> StatusAsync(string url, string? token = null, string scheme = "Bearer")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue(scheme, token);
        }

        using var response = await http.SendAsync(request, ct);
        return response.StatusCode;
    }

    [GeneratedRegex("(?:href|src)=\"(?<url>/page/[^\"]+)\"")]
    private static partial Regex AssetReference();

    /// <summary>Any absolute URL at all: the page is same-origin only, so it needs none.</summary>
    [GeneratedRegex(@"(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}|https?://", RegexOptions.IgnoreCase)]
    private static partial Regex AnyUrl();
}
