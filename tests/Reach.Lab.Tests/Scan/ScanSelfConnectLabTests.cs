using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Reach.Lab.Tests.Cli;
using Reach.Lab.Tests.Lab;
using Reach.Lab.Tests.Lab.Scan;
using Reach.Platform;
using Reach.Probes;
using Reach.Scanning;
using Reach.Scanning.Engine;

namespace Reach.Lab.Tests.Scan;

/// <summary>
/// TCP self-connect in <c>reach scan</c>: in a namespace whose ephemeral range is shrunk to 40004-40005, connect()
/// takes the even port first, so a probe of the closed port 40004 gets 40004 as its source port, its SYN meets itself
/// and the connect succeeds. That is a closed port, never an open one. Checked for both scan transports: the Linux
/// epoll loop (through <c>reach scan</c>) and the portable one (<see cref="SocketAsyncScanTransport"/>, in process,
/// every socket made inside the namespace). Port 40006 (closed, outside the range) and a listener on 40010 are the
/// controls: the same probes see an ordinary RST and an ordinary open port.
/// </summary>
public sealed class ScanSelfConnectLabTests(LabFixture lab)
{
    private const int SelfConnectPort = 40004;
    private const int ClosedPort = 40006;
    private const int OpenPort = 40010;

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public async Task Scan_ClosedPortInTheEphemeralRange_IsClosedSelfConnect_NeverOpen(string loopback)
    {
        lab.RequireLab();
        await using var ns = await SelfConnectingNamespaceAsync();
        using var listener = Listen(ns, loopback);

        var run = await ns.ReachAsync("scan", loopback, "-p", $"{SelfConnectPort},{ClosedPort},{OpenPort}", "--all", "--format", "jsonl");

        Assert.Equal(0, run.ExitCode);
        var scan = ScanOutput.Parse(run);
        var address = IPAddress.Parse(loopback);
        Assert.Equal(Expected(address), scan.StatesAndReasons);
        scan.AssertSummary(hosts: 1, hostsUp: 1, hostsDown: 0, portsScanned: 3, open: 1, closed: 2, filtered: 0);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public async Task PortableTransport_ClosedPortInTheEphemeralRange_IsClosedSelfConnect_NeverOpen(string loopback)
    {
        lab.RequireLab();
        await using var ns = await SelfConnectingNamespaceAsync();
        using var listener = Listen(ns, loopback);
        var address = IPAddress.Parse(loopback);
        var targets = new[] { SelfConnectPort, ClosedPort, OpenPort }.Select(port => new ScanProbeTarget(0, address, port));
        var results = new ConcurrentBag<ScanPortResult>();

        var engine = new ScanEngine(new SocketAsyncScanTransport(PlatformServices.ErrorQueue, ns.CreateSocket));
        var statistics = await engine.RunAsync(targets, new ScanOptions(), results.Add, TestContext.Current.CancellationToken);

        var outcomes = results.ToDictionary(
            r => new ScanEndPoint(r.Target.Address, r.Target.Port),
            r => $"{r.State.ToWord()}/{r.Reason.ToWord()}");
        Assert.Equal(Expected(address), outcomes);
        Assert.Equal(new[] { 1L, 2, 0 }, new[] { statistics.Open, statistics.Closed, statistics.Filtered });
    }

    private static Dictionary<ScanEndPoint, string> Expected(IPAddress address) => new()
    {
        [new ScanEndPoint(address, SelfConnectPort)] = "closed/self-connect",
        [new ScanEndPoint(address, ClosedPort)] = "closed/conn-refused",
        [new ScanEndPoint(address, OpenPort)] = "open/syn-ack",
    };

    private async Task<ScanScratchNamespace> SelfConnectingNamespaceAsync()
    {
        var ns = await ScanScratchNamespace.CreateAsync(lab.IpPath, "self");
        try
        {
            await ns.SetSysctlAsync("net/ipv4/ip_local_port_range", $"{SelfConnectPort} {SelfConnectPort + 1}");
            return ns;
        }
        catch
        {
            await ns.DisposeAsync();
            throw;
        }
    }

    /// <summary>The open control port: a listener in the namespace (the kernel completes handshakes; nobody accepts).</summary>
    private static Socket Listen(ScanScratchNamespace ns, string loopback)
    {
        var address = IPAddress.Parse(loopback);
        var listener = ns.CreateSocket(address.AddressFamily);
        try
        {
            listener.Bind(new IPEndPoint(address, OpenPort));
            listener.Listen(16);
            return listener;
        }
        catch
        {
            listener.Dispose();
            throw;
        }
    }
}
