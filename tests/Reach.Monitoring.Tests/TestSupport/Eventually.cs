namespace Reach.Monitoring.Tests.TestSupport;

/// <summary>Waits, bounded, for a condition that another task makes true.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"timed out waiting for {what}");
            }

            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }
}
