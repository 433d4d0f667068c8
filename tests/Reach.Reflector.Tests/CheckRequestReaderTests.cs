using System.Text;
using Reach.External;

namespace Reach.Reflector.Tests;

public sealed class CheckRequestReaderTests
{
    [Fact]
    public void PortsAndProto_AreRead_DuplicatesDropped_OrderKept()
    {
        var request = Read("""{"ports":[8080,22,8080],"proto":"tcp"}""");

        Assert.Equal([8080, 22], request.Ports);
        Assert.Equal("tcp", request.Proto);
    }

    [Fact]
    public void Proto_DefaultsToTcp()
    {
        Assert.Equal("tcp", Read("""{"ports":[443]}""").Proto);
    }

    [Theory]
    [InlineData("""{"ports":[80],"host":"203.0.113.9"}""", "unknown field \"host\"")]
    [InlineData("""{"ports":[80],"ip":"203.0.113.9"}""", "unknown field \"ip\"")]
    [InlineData("""{"target":"203.0.113.9:80","ports":[80]}""", "unknown field \"target\"")]
    [InlineData("""{"ports":[80],"address":{"ip":"203.0.113.9"}}""", "unknown field \"address\"")]
    [InlineData("""{"ports":[{"host":"203.0.113.9","port":80}]}""", "\"ports\": an object is not a port number")]
    [InlineData("""{"ports":["203.0.113.9:80"]}""", "\"ports\": \"203.0.113.9:80\" is not a port number")]
    public void AnythingThatCouldNameATarget_IsRefused(string body, string expected)
    {
        Assert.Contains(expected, Error(body), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"ports":[0]}""", "\"ports\": 0 is not a port number (1-65535)")]
    [InlineData("""{"ports":[70000]}""", "\"ports\": 70000 is not a port number (1-65535)")]
    [InlineData("""{"ports":[1.5]}""", "\"ports\": 1.5 is not a port number")]
    [InlineData("""{"ports":[]}""", "\"ports\" is empty")]
    [InlineData("""{"ports":80}""", "\"ports\" must be an array")]
    [InlineData("""{}""", "\"ports\" is missing")]
    [InlineData("""{"ports":[1,2,3,4,5]}""", "at most 4 ports per request")]
    [InlineData("""{"ports":[80],"proto":"udp"}""", "'udp' is not supported (only \"tcp\")")]
    [InlineData("""{"ports":[80],"ports":[81]}""", "\"ports\" is given twice")]
    [InlineData("""[80]""", "must be a JSON object")]
    [InlineData("""{"ports":[80]} {}""", "something after the JSON object")]
    [InlineData("""{"ports":[80""", "not valid JSON")]
    [InlineData("""not json""", "not valid JSON")]
    [InlineData("", "the body is empty")]
    [InlineData("  ", "the body is empty")]
    [InlineData("""{"ports":[80]} x""", "not valid JSON")]
    public void BadBodies_GetOneSentenceNamingTheBadPart(string body, string expected)
    {
        Assert.Contains(expected, Error(body), StringComparison.Ordinal);
    }

    private static ReflectorCheckRequestWire Read(string body)
    {
        Assert.True(CheckRequestReader.TryRead(Encoding.UTF8.GetBytes(body), 4, out var request, out var error), error);
        return request!;
    }

    private static string Error(string body)
    {
        Assert.False(CheckRequestReader.TryRead(Encoding.UTF8.GetBytes(body), 4, out var request, out var error));
        Assert.Null(request);
        return error!;
    }
}
