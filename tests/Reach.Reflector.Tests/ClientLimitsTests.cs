using System.Net;

namespace Reach.Reflector.Tests;

public sealed class ClientLimitsTests
{
    private static readonly IPAddress First = IPAddress.Parse("203.0.113.1");
    private static readonly IPAddress Second = IPAddress.Parse("203.0.113.2");

    [Fact]
    public void Requests_BudgetPerClient_ThenAWait()
    {
        using var limits = new ClientLimits(requestsPerMinute: 3, portsPerMinute: 100);

        var answers = Enumerable.Range(0, 5).Select(_ => limits.TakeRequest(First)).ToList();

        Assert.Equal(3, answers.Count(a => a is null));
        Assert.All(answers.Skip(3), a => Assert.InRange(a!.Value, TimeSpan.FromTicks(1), TimeSpan.FromMinutes(1)));
        Assert.Null(limits.TakeRequest(Second));
    }

    [Fact]
    public void Ports_AreCountedOneByOne()
    {
        using var limits = new ClientLimits(requestsPerMinute: 100, portsPerMinute: 5);

        Assert.Null(limits.TakePorts(First, 4));
        Assert.NotNull(limits.TakePorts(First, 2));
        Assert.Null(limits.TakePorts(First, 1));
        Assert.NotNull(limits.TakePorts(First, 1));
    }
}
