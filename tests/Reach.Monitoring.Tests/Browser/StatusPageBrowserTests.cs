using System.Net;
using Microsoft.Playwright;
using Reach.Monitoring.Tests.TestSupport;

namespace Reach.Monitoring.Tests.Browser;

/// <summary>
/// The status page of the real <c>reach watch</c> in headless Chromium: every check and target shown up, a target
/// whose listener the test closes turns red by itself (no reload), and the token prompt when a token is set.
/// </summary>
public sealed class StatusPageBrowserTests
{
    private const string Red = "rgb(185, 28, 28)"; // --down in status.css
    private const string Green = "rgb(26, 127, 55)"; // --up in status.css

    /// <summary>Loading the page and the first API answers: generous, the machine is shared (not a speed check).</summary>
    private static readonly LocatorAssertionsToHaveTextOptions FirstLoad = new() { Timeout = 30_000 };

    [Fact]
    public async Task EveryTargetShowsUp_ThenAClosedListenerTurnsRedWithinTwoIntervalsAndOneRefresh()
    {
        using var server = await WatchServer.StartAsync();
        await using var chromium = await ChromiumSession.StartAsync();
        var page = await chromium.Context.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") problems.Add($"{m.Text} ({m.Location})"); };
        page.PageError += (_, e) => problems.Add(e);

        await page.GotoAsync(server.BaseUrl + "/");
        await Assertions.Expect(page).ToHaveTitleAsync("reach watch: status");
        foreach (var id in server.TargetIds)
        {
            var row = Row(page, id);
            await Assertions.Expect(row.Locator(".state")).ToHaveTextAsync("up", FirstLoad);
            await Assertions.Expect(row.Locator(".check")).ToHaveTextAsync(id[..id.IndexOf('/', StringComparison.Ordinal)]);
            await Assertions.Expect(row.Locator(".target")).ToHaveTextAsync(id[(id.IndexOf('/', StringComparison.Ordinal) + 1)..]);
            await Assertions.Expect(row.Locator(".state")).ToHaveCSSAsync("color", Green);
        }

        await Assertions.Expect(page.Locator("#targets tbody tr")).ToHaveCountAsync(server.TargetIds.Count);
        var refresh = int.Parse(await page.Locator("body").GetAttributeAsync("data-refresh-seconds") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(WatchServer.IntervalSeconds, refresh); // the shortest interval, clamped to 1..10 s
        await Assertions.Expect(page.Locator("#chart polyline")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        var before = await page.EvaluateAsync<int>("() => performance.getEntriesByType('navigation').length");

        server.Web2.Close();
        // The spec: DOWN after down_after (1) failed probes, one per interval; the page sees it at its next refresh.
        var bound = new LocatorAssertionsToHaveTextOptions { Timeout = ((2 * WatchServer.IntervalSeconds) + refresh) * 1000 };
        var down = Row(page, server.TargetIds[1]);
        await Assertions.Expect(down.Locator(".state")).ToHaveTextAsync("down", bound);
        await Assertions.Expect(down).ToHaveClassAsync("state-down");
        await Assertions.Expect(down.Locator(".state")).ToHaveCSSAsync("color", Red);
        await Assertions.Expect(Row(page, server.TargetIds[0]).Locator(".state")).ToHaveTextAsync("up");
        await Assertions.Expect(Row(page, server.TargetIds[2]).Locator(".state")).ToHaveTextAsync("up");
        await Assertions.Expect(page.Locator("#incidents tbody tr").First.Locator(".state")).ToHaveTextAsync("open", FirstLoad);
        Assert.Equal(before, await page.EvaluateAsync<int>("() => performance.getEntriesByType('navigation').length"));
        Assert.Equal("/", new Uri(page.Url).AbsolutePath);
        Assert.Empty(problems);
    }

    [Fact]
    public async Task WithToken_ThePromptShowsAndTheApiRefuses_ThenTheFragmentOrThePromptLoadsTheTable()
    {
        using var server = await WatchServer.StartAsync(token: "s3cret");
        using (var http = new HttpClient())
        {
            using var refused = await http.GetAsync(server.BaseUrl + "/api/checks", TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        await using var chromium = await ChromiumSession.StartAsync();
        var page = await chromium.Context.NewPageAsync();
        await page.SetViewportSizeAsync(360, 740);
        await page.GotoAsync(server.BaseUrl + "/");
        await Assertions.Expect(page.Locator("#token-form")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("#targets")).Not.ToBeVisibleAsync();

        // The prompt: a wrong token is refused, the right one shows the table.
        await page.Locator("#token-input").FillAsync("wrong");
        await page.Locator("#token-form button").ClickAsync();
        await Assertions.Expect(page.Locator("#token-error")).ToHaveTextAsync("That token was refused.", FirstLoad);
        await page.Locator("#token-input").FillAsync("s3cret");
        await page.Locator("#token-form button").ClickAsync();
        await Assertions.Expect(Row(page, server.TargetIds[0]).Locator(".state")).ToHaveTextAsync("up", FirstLoad);
        await Assertions.Expect(page.Locator("#token-form")).Not.ToBeVisibleAsync();
        // Narrow screens: the table scrolls inside its box, the page itself does not.
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the page is wider than 360 px");

        // The fragment, in a new tab (sessionStorage is per tab): the token is taken and removed from the address.
        var second = await chromium.Context.NewPageAsync();
        await second.GotoAsync(server.BaseUrl + "/#token=s3cret");
        foreach (var id in server.TargetIds)
        {
            await Assertions.Expect(Row(second, id).Locator(".state")).ToHaveTextAsync("up", FirstLoad);
        }

        Assert.DoesNotContain("s3cret", second.Url, StringComparison.Ordinal);
        await Assertions.Expect(second.Locator("#token-form")).Not.ToBeVisibleAsync();
    }

    private static ILocator Row(IPage page, string targetId) => page.Locator($"#targets tbody tr[data-target=\"{targetId}\"]");
}
