using System.Text;
using Microsoft.AspNetCore.Http;
using Reach.Monitoring.Http;

namespace Reach.Monitoring.Tests.Http;

/// <summary>Before the engine opens its store (and while it stops), the store's endpoints say so with a 503, not a 500.</summary>
public class StoreReadyGateTests
{
    [Theory]
    [InlineData("/api/checks")]
    [InlineData("/api/incidents")]
    [InlineData("/api/series")]
    [InlineData("/metrics")]
    public async Task StoreNotOpen_StoreEndpoints_Answer503WithAReason_AndGoNoFurther(string path)
    {
        var (context, reached) = await RunAsync(path, storeOpen: false);

        Assert.False(reached);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        Assert.Equal("1", context.Response.Headers.RetryAfter.ToString());
        Assert.Contains("\"error\":\"reach watch is starting or stopping", Body(context), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/")]
    [InlineData("/status.js")]
    public async Task StoreNotOpen_OtherPaths_PassThrough(string path) =>
        Assert.True((await RunAsync(path, storeOpen: false)).Reached);

    [Fact]
    public async Task StoreOpen_EverythingPassesThrough() =>
        Assert.True((await RunAsync("/api/checks", storeOpen: true)).Reached);

    private static async Task<(HttpContext Context, bool Reached)> RunAsync(string path, bool storeOpen)
    {
        var context = new DefaultHttpContext();
        context.Request.Path = path;
        context.Response.Body = new MemoryStream();
        var reached = false;
        await StoreReadyGate.Create(() => storeOpen)(context, _ =>
        {
            reached = true;
            return Task.CompletedTask;
        });
        return (context, reached);
    }

    private static string Body(HttpContext context) => Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray());
}
