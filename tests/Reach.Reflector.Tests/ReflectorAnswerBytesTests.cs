using System.Text.Json;
using Reach.External;
using Reach.Output;
using Reach.Probes;

namespace Reach.Reflector.Tests;

/// <summary>
/// The reflector's answers byte for byte: compact, snake_case, nulls written, quotes escaped as \" but apostrophes,
/// angle brackets and non-ASCII letters left readable. Clients in the field read these bytes.
/// </summary>
public class ReflectorAnswerBytesTests
{
    [Fact]
    public void IpAnswer_IsOneCompactField()
    {
        var json = JsonSerializer.Serialize(new ReflectorIpWire("2001:db8::7"), ReachJsonContext.Wire.ReflectorIpWire);

        Assert.Equal("""{"ip":"2001:db8::7"}""", json);
    }

    [Fact]
    public void CheckAnswer_WritesEveryField_InOrder_WithReadableEscaping()
    {
        PortResult[] results =
        [
            new(443, PortState.Open, ProbeReason.SynAck, 0.412, "it's \"open\" <ok> & café"),
            new(22, PortState.Filtered, ProbeReason.NoResponse, null, "no answer within 2 s"),
        ];

        var json = JsonSerializer.Serialize(new ReflectorCheckWire("203.0.113.7", [.. results.Select(r => r.ToWire())]), ReachJsonContext.Wire.ReflectorCheckWire);

        Assert.Equal(
            """{"ip":"203.0.113.7","results":[{"port":443,"state":"open","reason":"syn-ack","rtt_ms":0.412,"explanation":"it's \"open\" <ok> & café"},{"port":22,"state":"filtered","reason":"no-response","rtt_ms":null,"explanation":"no answer within 2 s"}]}""",
            json);
    }

    [Fact]
    public void ErrorAnswer_KeepsQuotesReadable()
    {
        var json = JsonSerializer.Serialize(new ReflectorErrorWire("unknown field \"host\" (only \"ports\" and \"proto\"; it's yours)"), ReachJsonContext.Wire.ReflectorErrorWire);

        Assert.Equal("""{"error":"unknown field \"host\" (only \"ports\" and \"proto\"; it's yours)"}""", json);
    }
}
