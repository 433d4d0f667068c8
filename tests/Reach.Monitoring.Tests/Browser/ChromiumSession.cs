using Microsoft.Playwright;
using Reach.Monitoring.Tests.TestSupport;

namespace Reach.Monitoring.Tests.Browser;

/// <summary>
/// Debian's headless Chromium driven by Playwright, with a fresh profile. Playwright never downloads a browser here:
/// without /usr/bin/chromium (./test.sh installs it as root) the test is skipped with that reason.
/// </summary>
public sealed class ChromiumSession : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private readonly IPlaywright playwright;
    private readonly TempDirectory profile;

    private ChromiumSession(IPlaywright playwright, TempDirectory profile, IBrowserContext context)
    {
        this.playwright = playwright;
        this.profile = profile;
        Context = context;
    }

    public IBrowserContext Context { get; }

    public static async Task<ChromiumSession> StartAsync()
    {
        Assert.SkipUnless(File.Exists(ExecutablePath), $"{ExecutablePath} is not installed: apt-get install -y chromium (./test.sh does as root)");
        var playwright = await Playwright.CreateAsync();
        var profile = new TempDirectory();
        try
        {
            var context = await playwright.Chromium.LaunchPersistentContextAsync(profile.Path, new BrowserTypeLaunchPersistentContextOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
                Timeout = 60_000,
            });
            return new ChromiumSession(playwright, profile, context);
        }
        catch
        {
            playwright.Dispose();
            profile.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Context.CloseAsync();
        playwright.Dispose();
        profile.Dispose();
    }
}
