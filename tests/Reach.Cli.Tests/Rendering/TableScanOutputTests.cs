using System.Net;
using Reach.Cli.Infrastructure;
using Reach.Cli.Rendering.Scan;
using Reach.Probes;
using Reach.Scanning;

namespace Reach.Cli.Tests.Rendering;

public class TableScanOutputTests
{
    private static readonly AddressSpace Space = AddressSpace.Create(
        new[] { "10.0.0.9", "10.0.0.10", "10.0.0.100", "::1" }.Select(a => AddressRange.FromAddress(IPAddress.Parse(a))));

    private static ScanPortResult Open(string address, int port)
    {
        var ip = IPAddress.Parse(address);
        return new ScanPortResult(new ScanProbeTarget(Space.IndexOf(ip), ip, port), PortState.Open, ProbeReason.SynAck, TimeSpan.FromMilliseconds(1), 1);
    }

    private static (TableScanOutput Output, StringWriter Writer) Create()
    {
        var writer = new StringWriter();
        var console = new CliConsole(writer, TextWriter.Null, OutIsTerminal: false, ErrorIsTerminal: false);
        return (new TableScanOutput(console.CreateAnsiOut(), writer), writer);
    }

    private static ScanSummary Summary => new(4, 4, 6, 6, 0, 0, 0, TimeSpan.FromSeconds(1), 6);

    [Fact]
    public void Rows_AreOrderedByHostThenPort_IPv4NumericallyBeforeIPv6_NotInArrivalOrder()
    {
        // Given open ports arriving in scan (random) order
        var (output, writer) = Create();
        foreach (var (address, port) in new[] { ("::1", 22), ("10.0.0.100", 443), ("10.0.0.10", 8080), ("10.0.0.9", 443), ("10.0.0.10", 22), ("10.0.0.9", 80) })
        {
            output.Port(Open(address, port), hostName: null, identification: null);
        }

        // When the scan ends
        output.Finish(Summary);

        // Then the rows are sorted as nmap prints them: 10.0.0.9 before 10.0.0.10 (not "10.0.0.10" < "10.0.0.9" as text)
        var rows = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("open", StringComparison.Ordinal))
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries) is var f ? $"{f[1]} {f[2]}" : null);
        Assert.Equal(["10.0.0.9 80/tcp", "10.0.0.9 443/tcp", "10.0.0.10 22/tcp", "10.0.0.10 8080/tcp", "10.0.0.100 443/tcp", "::1 22/tcp"], rows);
    }

    [Fact]
    public void Down_ComesAfterTheRows_NamesTheMissingPortsByState_AndSaysWhichHostDidNotAnswer()
    {
        var (output, writer) = Create();
        output.Port(Open("10.0.0.9", 53), hostName: null, identification: null);
        var dc = new ScanDownHost(0, IPAddress.Parse("10.0.0.9"), "dc01", Answered: true, PortsScanned: 5,
            [new(636, PortState.Closed, ProbeReason.ConnRefused), new(3268, PortState.Filtered, ProbeReason.NoResponse), new(3269, PortState.Filtered, ProbeReason.AdminProhibited)]);
        var dead = new ScanDownHost(1, IPAddress.Parse("10.0.0.10"), null, Answered: false, PortsScanned: 2,
            [new(53, PortState.Filtered, ProbeReason.NoResponse), new(636, PortState.Filtered, ProbeReason.NoResponse)]);

        output.Down([dc, dead]);
        output.Finish(Summary);

        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("open ", lines[0], StringComparison.Ordinal);
        Assert.Equal("missing   dc01 (10.0.0.9): 636 closed, 3268-3269 filtered (3 of 5 ports missing)", lines[1]);
        Assert.Equal("down      10.0.0.10: did not answer at all (2 ports missing)", lines[2]);
        Assert.StartsWith("4 hosts", lines[3], StringComparison.Ordinal);
    }
}
