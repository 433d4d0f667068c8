using System.Text;
using Reach.UdpProbing;

namespace Reach.Core.Tests.UdpProbing;

/// <summary>TFTP's read request of a file that cannot exist, read back from tftpd-hpa.</summary>
public class TftpPayloadTests
{
    private static readonly UdpProbeContext Context = new(0x1234ABCD);

    // tftp-hpa 5.2 (Debian 12, `in.tftpd -L -s DIR -a 127.0.0.1:69`) answering Build(Context), from a new port.
    private static readonly byte[] NotFound = Convert.FromHexString("0005000146696c65206e6f7420666f756e6400");

    // The same server asked for a file holding "hi\n".
    private static readonly byte[] FileData = Convert.FromHexString("0003000168690a");

    private readonly TftpPayload _payload = new();

    [Fact]
    public void Build_IsAnOctetReadRequest_OfTheProbesFile()
    {
        // RFC 1350: opcode 1 (RRQ), file name, NUL, mode, NUL
        Assert.Equal("\0\u0001reach-probe-1234abcd\0octet\0", Encoding.ASCII.GetString(_payload.Build(Context)));
        Assert.Equal([69], _payload.Ports);
        Assert.Equal(UdpProtocol.Tftp, _payload.Protocol);
    }

    [Fact]
    public void Read_CapturedError_GivesCodeAndMessage()
    {
        var answer = _payload.Read(NotFound, Context);

        Assert.True(answer.Recognized);
        Assert.Equal("error 1: File not found", answer.Summary);
    }

    [Fact]
    public void Read_CapturedData_SaysTheFileExists()
    {
        var answer = _payload.Read(FileData, Context);

        Assert.True(answer.Recognized);
        Assert.Equal("the file exists: DATA block 1, 3 bytes", answer.Summary);
    }

    [Fact]
    public void Read_ErrorWithoutMessage_NamesTheCode_AndAMessageIsEscaped()
    {
        Assert.Equal("error 2: access violation", _payload.Read(Convert.FromHexString("0005000200"), Context).Summary);
        Assert.Equal("error 0: a\\nb", _payload.Read(Convert.FromHexString("00050000610a6200"), Context).Summary);
    }

    [Fact]
    public void Read_OurRequestReflected_OrALaterDataBlock_IsNotRecognized()
    {
        // TFTP echoes no id: only the answer's form tells it apart (no RRQ, no block but the first)
        Assert.False(_payload.Read(_payload.Build(Context), Context).Recognized);
        Assert.False(_payload.Read(Convert.FromHexString("0003000268690a"), Context).Recognized);
        Assert.Equal("7 bytes, not a TFTP answer", _payload.Read(Convert.FromHexString("0003000268690a"), Context).Summary);
    }

    [Fact]
    public void Read_EveryTruncation_IsNotRecognized()
    {
        PayloadChecks.NoPrefixIsRecognized(_payload, NotFound, Context);
    }

    [Fact]
    public void Read_RandomGarbage_NeverThrows_NorIsRecognized() =>
        PayloadChecks.RandomDatagramsAreNotRecognized(_payload, Context, seed: 69, g => g.AsSpan(0, Math.Min(1, g.Length)).Fill(0x80)); // no opcode TFTP knows
}
