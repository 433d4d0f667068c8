using System.Security.Authentication;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Reach.Monitoring.Tests.TestSupport;

namespace Reach.Monitoring.Tests.Browser;

/// <summary>
/// The status page's "Answered" and "Cert" columns in headless Chromium, fed by the real <c>reach watch</c> probing
/// servers the test opened on 127.0.0.1: an HTTP server (its status line and Server header) and two TLS servers
/// with self-signed certificates made in the test (their protocol, and their days left, red under the check's
/// warn_days: 45 here, so the 40 days left are red where the default 14 would not make them).
/// </summary>
public sealed class StatusPageAnswerBrowserTests
{
    /// <summary>Loading the page and the first API answers: generous, the machine is shared (not a speed check).</summary>
    private static readonly LocatorAssertionsToHaveTextOptions FirstLoad = new() { Timeout = 30_000 };

    private static readonly Regex ErrorClass = new(@"(^|\s)error(\s|$)");

    [Fact]
    public async Task HttpAndTlsChecks_ShowWhatAnsweredAndTheCertificatesDaysLeft_RedUnderFourteenDays()
    {
        // Half a day past whole days: the count the page shows cannot move between the probe and the assertion.
        using var web = new HttpAnswerTarget();
        using var lasting = new TlsAnswerTarget("CN=lasting.reach.test", TimeSpan.FromDays(50.5));
        using var expiring = new TlsAnswerTarget("CN=expiring.reach.test", TimeSpan.FromDays(40.5));
        using var dir = new TempDirectory();
        var port = FreePort.OnLoopback();
        var config = dir.File("reach.yaml", $"""
            interval: 1s
            down_after: 1
            up_after: 1
            checks:
              - name: web
                type: http
                targets: ["127.0.0.1:{web.Port}"]
              - name: cert
                type: tls
                insecure: true
                warn_days: 45
                targets: ["127.0.0.1:{lasting.Port}", "127.0.0.1:{expiring.Port}"]
            """);
        using var watch = WatchProcess.Start(config, Path.Combine(dir.Path, "data"), "--listen", $"127.0.0.1:{port}");
        string webId = $"web/127.0.0.1:{web.Port}", lastingId = $"cert/127.0.0.1:{lasting.Port}", expiringId = $"cert/127.0.0.1:{expiring.Port}";
        await watch.WaitForLineAsync($"HTTP on http://127.0.0.1:{port}/");
        foreach (var id in (string[])[webId, lastingId, expiringId])
        {
            await watch.WaitForLineAsync($"{id} UP");
        }

        await using var chromium = await ChromiumSession.StartAsync();
        var page = await chromium.Context.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") problems.Add($"{m.Text} ({m.Location})"); };
        page.PageError += (_, e) => problems.Add(e);
        await page.GotoAsync($"http://127.0.0.1:{port}/");

        // The columns, in their place: after Last RTT, before Last result.
        await Assertions.Expect(page.Locator("#targets thead th")).ToHaveTextAsync(
            ["Check", "Target", "State", "Since", "24 h", "7 d", "30 d", "Last RTT", "Answered", "Cert", "Last result"]);

        // The HTTP server: its status line and Server header, no certificate (plain http).
        var webRow = Row(page, webId);
        await Assertions.Expect(webRow.Locator("td.answered")).ToHaveTextAsync($"HTTP/1.1 200, {HttpAnswerTarget.ServerName}", FirstLoad);
        await Assertions.Expect(webRow.Locator("td.cert")).ToHaveTextAsync("–");
        await Assertions.Expect(webRow.Locator("td.result")).ToHaveTextAsync("open (syn-ack)");
        Assert.Equal("GET / HTTP/1.1", web.LastRequestLine);

        // The TLS servers: the protocol they negotiated, and whole days left as the page counts them.
        foreach (var (id, server, days, subject) in new[] { (lastingId, lasting, 50, "CN=lasting.reach.test"), (expiringId, expiring, 40, "CN=expiring.reach.test") })
        {
            var row = Row(page, id);
            await Assertions.Expect(row.Locator("td.answered")).ToHaveTextAsync(Protocol(server.LastProtocol), FirstLoad);
            var left = (int)Math.Floor((server.NotAfter - DateTimeOffset.UtcNow).TotalDays);
            Assert.Equal(days, left);
            var cert = row.Locator("td.cert");
            await Assertions.Expect(cert).ToHaveTextAsync($"{left} d");
            await Assertions.Expect(cert).ToHaveAttributeAsync("title", new Regex($"^{Regex.Escape(subject)}, until "));
            await Assertions.Expect(row.Locator(".state")).ToHaveTextAsync("up");
        }

        await Assertions.Expect(Row(page, lastingId).Locator("td.cert")).Not.ToHaveClassAsync(ErrorClass);
        await Assertions.Expect(Row(page, expiringId).Locator("td.cert")).ToHaveClassAsync(ErrorClass);

        // Narrow screens: with the two new columns the table still scrolls inside its box, the page does not.
        await page.SetViewportSizeAsync(360, 740);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the page is wider than 360 px");
        Assert.Empty(problems);
    }

    private static ILocator Row(IPage page, string targetId) => page.Locator($"#targets tbody tr[data-target=\"{targetId}\"]");

    /// <summary>reach's word for a protocol (<c>TLSv1.3</c>), as the server saw it negotiated.</summary>
    private static string Protocol(SslProtocols protocol) => protocol switch
    {
        SslProtocols.Tls13 => "TLSv1.3",
        SslProtocols.Tls12 => "TLSv1.2",
        _ => throw new InvalidOperationException($"the test server negotiated {protocol}"),
    };
}
