using System.Net;
using System.Text;
using System.Text.Json;
using Reach.External;
using Reach.Output;
using Reach.Probes;

namespace Reach.Reflector.Tests;

/// <summary>
/// The reflector protocol end to end, without a socket: what <c>reach serve</c> writes, <see cref="ReflectorClient"/>
/// reads into the same values, and what the client sends, the reflector's <see cref="CheckRequestReader"/> accepts.
/// </summary>
public sealed class ReflectorContractTests
{
    private static readonly Uri Base = new("http://203.0.113.1:9106/");

    [Fact]
    public async Task CheckAnswer_EveryStateAndReason_IsReadBackAsTheSameMembers()
    {
        var results = new List<PortResult>();
        var port = 1;
        foreach (var state in Enum.GetValues<PortState>())
        {
            foreach (var reason in Enum.GetValues<ProbeReason>())
            {
                results.Add(new PortResult(port++, state, reason, port % 2 == 0 ? null : 0.412, $"it's \"{state}\" <{reason}> é"));
            }
        }

        var answer = Serve(new ReflectorCheckWire("203.0.113.7", [.. results.Select(r => r.ToWire())]), ReachJsonContext.Wire.ReflectorCheckWire);
        using var client = new ReflectorClient(Base, TimeSpan.FromSeconds(5), new OneAnswer(HttpStatusCode.OK, answer));

        var outcome = await client.CheckAsync([.. results.Select(r => r.Port)], TestContext.Current.CancellationToken);

        Assert.Null(outcome.Failure);
        Assert.Equal(IPAddress.Parse("203.0.113.7"), outcome.Value!.PublicAddress);
        Assert.Equal(
            results.Select(r => new OutsidePortResult(r.Port, r.State, r.Reason, r.RttMs, r.Explanation)),
            outcome.Value.Results);
        Assert.Equal(results.Select(r => (r.State.ToWord(), r.Reason.ToWord())), outcome.Value.Results.Select(r => (r.StateWord, r.ReasonWord!)));
    }

    [Fact]
    public async Task IpAnswer_IsReadBackAsTheAddress()
    {
        var answer = Serve(new ReflectorIpWire("2001:db8::7"), ReachJsonContext.Wire.ReflectorIpWire);
        using var client = new ReflectorClient(Base, TimeSpan.FromSeconds(5), new OneAnswer(HttpStatusCode.OK, answer));

        var outcome = await client.GetAddressAsync(TestContext.Current.CancellationToken);

        Assert.Equal(IPAddress.Parse("2001:db8::7"), outcome.Value);
    }

    [Fact]
    public async Task ErrorAnswer_IsReadBackAsTheSentence()
    {
        const string Sentence = "unknown field \"host\" (only \"ports\" and \"proto\"; it's yours)";
        var answer = Serve(new ReflectorErrorWire(Sentence), ReachJsonContext.Wire.ReflectorErrorWire);
        using var client = new ReflectorClient(Base, TimeSpan.FromSeconds(5), new OneAnswer(HttpStatusCode.BadRequest, answer));

        var outcome = await client.CheckAsync([80], TestContext.Current.CancellationToken);

        Assert.Equal($"the reflector at {Base} answered 400 Bad Request: {Sentence}", outcome.Failure!.Message);
    }

    [Fact]
    public async Task CheckRequest_TheClientSends_IsWhatTheReflectorReads()
    {
        var handler = new OneAnswer(HttpStatusCode.BadRequest, """{"error":"x"}""");
        using var client = new ReflectorClient(Base, TimeSpan.FromSeconds(5), handler);

        await client.CheckAsync([8080, 22, 65535], TestContext.Current.CancellationToken);

        Assert.True(CheckRequestReader.TryRead(handler.Body!, 16, out var request, out var error), error);
        Assert.Equal([8080, 22, 65535], request!.Ports);
        Assert.Equal("tcp", request.Proto);
    }

    private static string Serve<T>(T answer, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) => JsonSerializer.Serialize(answer, type);

    /// <summary>Answers every request with one status and body, keeping the last request's body.</summary>
    private sealed class OneAnswer(HttpStatusCode status, string body) : HttpMessageHandler
    {
        public byte[]? Body { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken);
            return new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        }
    }
}
