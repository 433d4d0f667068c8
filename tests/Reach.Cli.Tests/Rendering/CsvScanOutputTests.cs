using System.Globalization;
using System.Net;
using Reach.Cli.Rendering.Scan;
using Reach.Identification;
using Reach.Probes;
using Reach.Scanning;
using Reach.Tls;

namespace Reach.Cli.Tests.Rendering;

/// <summary>
/// <c>scan --format csv</c> with what a hostile server (or a hostile name) sends: the text cells cannot become
/// spreadsheet formulas, and the number cells stay numbers, negative ones too.
/// </summary>
public class CsvScanOutputTests
{
    private static readonly IPAddress Address = IPAddress.Parse("192.0.2.7");

    private static ScanPortResult Open(int port) =>
        new(new ScanProbeTarget(0, Address, port), PortState.Open, ProbeReason.SynAck, TimeSpan.FromMilliseconds(1.5), 1);

    [Fact]
    public void ServerTextAndNames_StartingAFormula_AreNeutralized_NumbersAreNot()
    {
        // Given a banner, a certificate subject and a host name that a spreadsheet would run, and a certificate expired 3 days ago
        var leaf = new CertificateInfo("@SUM(1+1)*cmd|' /C calc'!A0", [], 0, "CN=issuer", DateTimeOffset.UnixEpoch,
            DateTimeOffset.Parse("2026-03-01T12:00:00Z", CultureInfo.InvariantCulture), "RSA", 2048, "sha256RSA", "00");
        var tls = new TlsReport("web01.test", "TLSv1.3", null, null, [leaf], [TlsProblem.Expired], -3, null, TimeSpan.Zero);
        var answer = new ServiceIdentification(new ServiceBanner(ServiceProtocol.Ssh, "=HYPERLINK(\"http://evil.test\",\"x\")", 40, true), ExpectedService.ForPort(8443), tls);
        var writer = new StringWriter();
        var output = new CsvScanOutput(writer, down: false, service: true);

        // When its row is written
        output.Port(Open(8443), "+cmd", answer);
        output.Finish(null);

        // Then each text cell starts with a quote, and the days left are the number -3
        var row = writer.ToString().Split('\n')[1].TrimEnd('\r');
        Assert.Equal(
            "'+cmd,192.0.2.7,8443,tcp,open,syn-ack,1.500,pcsync-https,ssh,ssl,true,\"'=HYPERLINK(\"\"http://evil.test\"\",\"\"x\"\")\",,TLSv1.3,'@SUM(1+1)*cmd|' /C calc'!A0,2026-03-01T12:00:00Z,-3,expired",
            row);
    }

    [Fact]
    public void TheDownReport_NeutralizesTheHostName()
    {
        var writer = new StringWriter();
        var output = new CsvScanOutput(writer, down: true);

        output.Down([new ScanDownHost(0, Address, "=1+1", true, 2, [new ScanMissingPort(22, PortState.Closed, ProbeReason.ConnRefused)])]);

        Assert.Equal("'=1+1,192.0.2.7,up,22", writer.ToString().Split('\n')[1].TrimEnd('\r'));
    }
}
