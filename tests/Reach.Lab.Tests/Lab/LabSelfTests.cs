using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Reach.Lab.Tests.Lab;

/// <summary>Proves the lab does what the CLI tests rely on, with plain sockets and shell tools, without reach.</summary>
public sealed class LabSelfTests(LabFixture lab)
{
    // An answer ends a connect long before its timeout; the margin between the two is wide so that a loaded CI machine
    // (every lab class runs at once) cannot make an answer look like a timeout.
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan Quick = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Namespaces_HaveNoDefaultRoute()
    {
        lab.RequireLab();
        var ct = TestContext.Current.CancellationToken;

        foreach (var run in new Func<IEnumerable<string>, TimeSpan?, CancellationToken, Task<CommandResult>>[] { lab.RunInClientAsync, lab.RunInTargetAsync })
        {
            foreach (var family in new[] { "-4", "-6" })
            {
                var routes = await run([lab.IpPath, family, "route", "show", "default"], null, ct);
                Log(routes);
                Assert.Equal(0, routes.ExitCode);
                Assert.Equal(string.Empty, routes.StdOut.Trim());
            }
        }
    }

    [Fact]
    public async Task Target_IcmpErrorRateLimitsAreOff()
    {
        lab.RequireLab();
        var ct = TestContext.Current.CancellationToken;

        var limits = await lab.RunInTargetAsync(
            ["cat", "/proc/sys/net/ipv4/icmp_ratelimit", "/proc/sys/net/ipv4/icmp_ratemask", "/proc/sys/net/ipv6/icmp/ratelimit"],
            cancellationToken: ct);
        Log(limits);
        Assert.Equal(["0", "0", "0"], limits.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [Theory]
    [InlineData(AddressFamily.InterNetwork)]
    [InlineData(AddressFamily.InterNetworkV6)]
    public async Task Ping_FromClient_TargetReplies(AddressFamily family)
    {
        lab.RequireLab();
        var ping = LabTools.Find("ping");
        Assert.SkipWhen(ping is null, "ping is not installed: apt-get install -y iputils-ping (./test.sh does).");

        var result = await lab.RunInClientAsync(
            [ping!, "-c", "1", "-W", "2", LabNetwork.Target(family)],
            TimeSpan.FromSeconds(10),
            TestContext.Current.CancellationToken);
        Log(result);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("1 received", result.StdOut, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(AddressFamily.InterNetwork, LabPorts.Http)]
    [InlineData(AddressFamily.InterNetwork, LabPorts.Https)]
    [InlineData(AddressFamily.InterNetwork, LabPorts.Postgres)]
    [InlineData(AddressFamily.InterNetworkV6, LabPorts.Http)]
    [InlineData(AddressFamily.InterNetworkV6, LabPorts.Https)]
    [InlineData(AddressFamily.InterNetworkV6, LabPorts.Postgres)]
    public async Task Connect_OpenPort_IsAcceptedByTheTargetListener(AddressFamily family, int port)
    {
        lab.RequireLab();
        var acceptedBefore = lab.Listeners.Accepted;

        var (error, elapsed, local) = await ConnectFromClientAsync(family, LabNetwork.Target(family), port, AnswerTimeout);

        Assert.Equal(SocketError.Success, error);
        Assert.True(elapsed < Quick, $"connect took {elapsed.TotalMilliseconds} ms");
        Assert.Equal(IPAddress.Parse(LabNetwork.Client(family)), local!.Address);
        await WaitUntilAsync(() => lab.Listeners.Accepted > acceptedBefore);
    }

    [Theory]
    [InlineData(AddressFamily.InterNetwork)]
    [InlineData(AddressFamily.InterNetworkV6)]
    public async Task Connect_ClosedPort_IsRefused(AddressFamily family)
    {
        lab.RequireLab();

        var (error, elapsed, _) = await ConnectFromClientAsync(family, LabNetwork.Target(family), LabPorts.Closed, AnswerTimeout);

        Assert.Equal(SocketError.ConnectionRefused, error);
        Assert.True(elapsed < Quick, $"connect took {elapsed.TotalMilliseconds} ms");
    }

    [Theory]
    [InlineData(AddressFamily.InterNetwork)]
    [InlineData(AddressFamily.InterNetworkV6)]
    public async Task Connect_DropPort_GetsNoAnswer(AddressFamily family)
    {
        lab.RequireLab();

        var (error, elapsed, _) = await ConnectFromClientAsync(family, LabNetwork.Target(family), LabPorts.Drop, TimeSpan.FromSeconds(1));

        Assert.Equal(SocketError.TimedOut, error);
        Assert.InRange(elapsed.TotalSeconds, 0.95, 10.0); // waited out the timeout: nothing answered
    }

    /// <summary>
    /// What the kernel makes of each REJECT answer to a SYN (errno only; the ICMP type and code are in the error
    /// queue). Twenty in a row, each at once: the ICMP rate limits are off. The socket sets IP_RECVERR /
    /// IPV6_RECVERR: without it an IPv6 connect treats the first ICMP error as soft and fails only when the
    /// retransmitted SYN draws a second one, about a second later.
    /// </summary>
    [Theory]
    [InlineData(AddressFamily.InterNetwork, LabPorts.HostUnreachable, SocketError.HostUnreachable)]
    [InlineData(AddressFamily.InterNetwork, LabPorts.AdminProhibited, SocketError.HostUnreachable)]
    [InlineData(AddressFamily.InterNetwork, LabPorts.NetUnreachable, SocketError.NetworkUnreachable)]
    [InlineData(AddressFamily.InterNetwork, LabPorts.PortUnreachable, SocketError.ConnectionRefused)]
    [InlineData(AddressFamily.InterNetworkV6, LabPorts.HostUnreachable, SocketError.HostUnreachable)]
    [InlineData(AddressFamily.InterNetworkV6, LabPorts.AdminProhibited, SocketError.AccessDenied)]
    [InlineData(AddressFamily.InterNetworkV6, LabPorts.NetUnreachable, SocketError.NetworkUnreachable)]
    [InlineData(AddressFamily.InterNetworkV6, LabPorts.PortUnreachable, SocketError.ConnectionRefused)]
    public async Task Connect_RejectedPort_FailsAtOnceWithTheIcmpError(AddressFamily family, int port, SocketError expected)
    {
        lab.RequireLab();

        for (var attempt = 0; attempt < 20; attempt++)
        {
            var (error, elapsed, _) = await ConnectFromClientAsync(family, LabNetwork.Target(family), port, AnswerTimeout, receiveErrors: true);

            Assert.Equal(expected, error);
            Assert.True(elapsed < Quick, $"attempt {attempt}: connect took {elapsed.TotalMilliseconds} ms");
        }
    }

    [Theory]
    [InlineData(AddressFamily.InterNetwork)]
    [InlineData(AddressFamily.InterNetworkV6)]
    public async Task Connect_AddressWithoutRoute_FailsLocallyAtOnce(AddressFamily family)
    {
        lab.RequireLab();

        var (error, elapsed, _) = await ConnectFromClientAsync(family, LabNetwork.NoRoute(family), LabPorts.Http, AnswerTimeout);

        Assert.Equal(SocketError.NetworkUnreachable, error);
        Assert.True(elapsed < Quick, $"connect took {elapsed.TotalMilliseconds} ms");
    }

    [Theory]
    [InlineData(AddressFamily.InterNetwork)]
    [InlineData(AddressFamily.InterNetworkV6)]
    public async Task Connect_AnyIpAddress_IsAnsweredByTheTarget(AddressFamily family)
    {
        lab.RequireLab();
        var address = LabNetwork.AnyIp(family, 42);

        var closed = await ConnectFromClientAsync(family, address, LabPorts.Closed, TimeSpan.FromSeconds(2));
        var dropped = await ConnectFromClientAsync(family, address, LabPorts.Drop, TimeSpan.FromSeconds(1));

        Assert.Equal(SocketError.ConnectionRefused, closed.Error);
        Assert.Equal(SocketError.TimedOut, dropped.Error);
    }

    [Theory]
    [InlineData(LabNetwork.TargetV4)]
    [InlineData(LabNetwork.TargetV6)]
    public async Task Bash_DevTcp_InClientNamespace_ConnectsToOpenPortAndHangsOnDropPort(string address)
    {
        lab.RequireLab();
        var ct = TestContext.Current.CancellationToken;

        var open = await lab.RunInClientAsync(["bash", "-c", $"exec 3<>/dev/tcp/{address}/{LabPorts.Http}"], TimeSpan.FromSeconds(5), ct);
        var dropped = await lab.RunInClientAsync(["bash", "-c", $"exec 3<>/dev/tcp/{address}/{LabPorts.Drop}"], TimeSpan.FromSeconds(1), ct);
        Log(open);
        Log(dropped);

        Assert.Equal(0, open.ExitCode);
        Assert.True(dropped.TimedOut, "a connect to the DROP port must hang until killed");
        Assert.InRange(dropped.Elapsed.TotalSeconds, 0.95, 7.0);
    }

    [Fact]
    public async Task Resolution_InClientNamespace_UsesTheLabHostsFileAndNothingElse()
    {
        lab.RequireLab();
        var ct = TestContext.Current.CancellationToken;

        var target = await lab.RunInClientAsync(["getent", "ahosts", LabNetwork.TargetName], TimeSpan.FromSeconds(5), ct);
        var v4Only = await lab.RunInClientAsync(["getent", "ahosts", LabNetwork.V4OnlyName], TimeSpan.FromSeconds(5), ct);
        var unknown = await lab.RunInClientAsync(["getent", "ahosts", LabNetwork.UnresolvableName], TimeSpan.FromSeconds(10), ct);
        Log(target);
        Log(v4Only);
        Log(unknown);

        Assert.Equal(0, target.ExitCode);
        Assert.Contains(LabNetwork.TargetV4, target.StdOut, StringComparison.Ordinal);
        Assert.Contains(LabNetwork.TargetV6, target.StdOut, StringComparison.Ordinal);
        Assert.Equal(0, v4Only.ExitCode);
        Assert.Contains(LabNetwork.TargetV4, v4Only.StdOut, StringComparison.Ordinal);
        Assert.DoesNotContain(LabNetwork.TargetV6, v4Only.StdOut, StringComparison.Ordinal);
        Assert.Equal(2, unknown.ExitCode); // getent: key not found
        Assert.True(unknown.Elapsed < TimeSpan.FromSeconds(3), $"the failed lookup took {unknown.Elapsed.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task RunInClient_CommandPastItsTimeout_IsKilled()
    {
        lab.RequireLab();

        var result = await lab.RunInClientAsync(["sleep", "30"], TimeSpan.FromMilliseconds(300), TestContext.Current.CancellationToken);

        Assert.True(result.TimedOut);
        Assert.Equal(-1, result.ExitCode);
        Assert.True(result.Elapsed < TimeSpan.FromSeconds(6), $"took {result.Elapsed.TotalMilliseconds} ms");
    }

    private async Task<(SocketError Error, TimeSpan Elapsed, IPEndPoint? Local)> ConnectFromClientAsync(
        AddressFamily family,
        string address,
        int port,
        TimeSpan timeout,
        bool receiveErrors = false)
    {
        using var socket = lab.CreateClientSocket(family);
        if (receiveErrors)
        {
            // IP_RECVERR (SOL_IP 0, 11) / IPV6_RECVERR (SOL_IPV6 41, 25): ICMP errors become hard errors at once.
            var (level, name) = family == AddressFamily.InterNetworkV6 ? (41, 25) : (0, 11);
            socket.SetRawSocketOption(level, name, BitConverter.GetBytes(1));
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(timeout);
        var stopwatch = Stopwatch.StartNew();
        try
        {
            await socket.ConnectAsync(IPAddress.Parse(address), port, deadline.Token);
            return (SocketError.Success, stopwatch.Elapsed, (IPEndPoint?)socket.LocalEndPoint);
        }
        catch (SocketException ex)
        {
            return (ex.SocketErrorCode, stopwatch.Elapsed, null);
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            return (SocketError.TimedOut, stopwatch.Elapsed, null);
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        Assert.True(condition(), "condition not met within 2 s");
    }

    private static void Log(CommandResult result) => TestContext.Current.TestOutputHelper?.WriteLine(result.Describe());
}
