using System.Text;
using Reach.UdpProbing;

namespace Reach.Core.Tests.UdpProbing;

/// <summary>The SSDP probe: a unicast M-SEARCH for ssdp:all, and a UPnP device's answer.</summary>
public class SsdpPayloadTests
{
    private static readonly SsdpPayload Payload = new();

    private static readonly UdpProbeContext Context = new(7);

    // Built from the UPnP Device Architecture 2.0 (§1.3.3, the search response), with the headers in the order and
    // form MiniUPnPd 2.3 writes them (its SERVER string and OPT/01-NLS/BOOTID lines); not a capture.
    private const string MiniUpnpdText =
        "HTTP/1.1 200 OK\r\n" +
        "CACHE-CONTROL: max-age=120\r\n" +
        "ST: upnp:rootdevice\r\n" +
        "USN: uuid:2f402f80-da50-11e1-9b23-001e0611a6c2::upnp:rootdevice\r\n" +
        "EXT:\r\n" +
        "SERVER: Linux/5.10 UPnP/1.0 MiniUPnPd/2.3\r\n" +
        "LOCATION: http://192.0.2.1:5000/rootDesc.xml\r\n" +
        "OPT: \"http://schemas.upnp.org/upnp/1/0/\"; ns=01\r\n" +
        "01-NLS: 1700000000\r\n" +
        "BOOTID.UPNP.ORG: 1700000000\r\n" +
        "CONFIGID.UPNP.ORG: 1337\r\n" +
        "\r\n";

    private static readonly byte[] MiniUpnpd = Encoding.ASCII.GetBytes(MiniUpnpdText);

    [Fact]
    public void Build_ForAnAddress_SearchesAllWithTheMulticastHost()
    {
        // UDA 2.0 §1.3.2: request line, HOST, MAN with the quoted ssdp:discover, MX, ST; CRLF line ends, blank line.
        Assert.Equal(
            "M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nMAN: \"ssdp:discover\"\r\nMX: 1\r\nST: ssdp:all\r\n\r\n",
            Encoding.ASCII.GetString(Payload.Build(Context)));
        Assert.Equal(UdpProtocol.Ssdp, Payload.Protocol);
        Assert.Equal([1900], Payload.Ports);
    }

    [Fact]
    public void Build_ForAHostName_NamesIt()
    {
        var request = Encoding.ASCII.GetString(Payload.Build(new UdpProbeContext(7, "router.example.test")));
        Assert.Contains("\r\nHOST: router.example.test:1900\r\n", request, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("evil\r\nX-Injected: 1")]
    [InlineData("two words")]
    [InlineData("")]
    public void Build_ForAnythingButAPlainName_FallsBackToTheMulticastHost(string hostName)
    {
        var request = Encoding.ASCII.GetString(Payload.Build(new UdpProbeContext(7, hostName)));
        Assert.Contains("\r\nHOST: 239.255.255.250:1900\r\n", request, StringComparison.Ordinal);
        Assert.DoesNotContain("Injected", request, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MiniUpnpd_GivesServerAndSearchTarget()
    {
        var answer = Payload.Read(MiniUpnpd, Context);
        Assert.True(answer.Recognized, answer.Summary);
        Assert.Equal("SERVER: Linux/5.10 UPnP/1.0 MiniUPnPd/2.3; ST: upnp:rootdevice", answer.Summary);
    }

    [Fact]
    public void Read_HeadersInAnyCase_AndWithoutServer()
    {
        var answer = Payload.Read(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nst:  urn:schemas-upnp-org:device:MediaServer:1 \r\n\r\n"), Context);
        Assert.True(answer.Recognized, answer.Summary);
        Assert.Equal("ST: urn:schemas-upnp-org:device:MediaServer:1", answer.Summary);
    }

    [Fact]
    public void Read_ControlCharactersInServer_AreEscaped()
    {
        var answer = Payload.Read(Encoding.Latin1.GetBytes("HTTP/1.1 200 OK\r\nSERVER: a\u001b[2Jb\nc\r\nST: x\r\n\r\n"), Context);
        Assert.True(answer.Recognized, answer.Summary);
        Assert.Equal("SERVER: a\\x1b[2Jb\\nc; ST: x", answer.Summary);
    }

    [Theory]
    [InlineData("NOTIFY * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nNT: upnp:rootdevice\r\nNTS: ssdp:alive\r\n\r\n", "an SSDP NOTIFY, not an answer to M-SEARCH")]
    [InlineData("HTTP/1.1 400 Bad Request\r\n\r\n", "HTTP 400, not an SSDP answer")]
    [InlineData("HTTP/1.1 200 OK\r\nSERVER: x\r\n\r\n", "an HTTP 200 without ST, not an SSDP answer")]
    [InlineData("HTTP/1.1 2000 OK\r\nST: x\r\n\r\n", "27 bytes, not an SSDP answer")]
    [InlineData("SSH-2.0-OpenSSH_9.2\r\n", "21 bytes, not an SSDP answer")]
    public void Read_OtherDatagrams_AreNotRecognized(string text, string reason)
    {
        var answer = Payload.Read(Encoding.ASCII.GetBytes(text), Context);
        Assert.False(answer.Recognized);
        Assert.Equal(reason, answer.Summary);
    }

    [Fact]
    public void Read_OurRequestEchoed_IsNotAnAnswer() =>
        Assert.False(Payload.Read(Payload.Build(Context), Context).Recognized);

    [Fact]
    public void Read_LongServer_IsCut()
    {
        var answer = Payload.Read(Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nSERVER: {new string('s', 5000)}\r\nST: x\r\n\r\n"), Context);
        Assert.True(answer.Recognized);
        Assert.True(answer.Summary.Length < 150, answer.Summary);
    }

    [Fact]
    public void Read_CutAnywhere_IsNeverRecognized() => PayloadChecks.NoPrefixIsRecognized(Payload, MiniUpnpd, Context);

    [Fact]
    public void Read_Garbage_NeverThrows()
    {
        PayloadChecks.GarbageNeverThrows(Payload, MiniUpnpd, Context);
        PayloadChecks.MutationsNeverThrow(Payload, MiniUpnpd, Context);
    }
}
