using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Reach.Checking;
using Reach.External;
using Reach.Identification;
using Reach.Pinging;
using Reach.Probes;
using Reach.Tls;
using Reach.Waiting;

namespace Reach.Core.Tests.Output;

/// <summary>Every word text and storage use is the word JSON writes for the same member: one source, checked here.</summary>
public class WordsAgreeWithJsonTests
{
    [Fact]
    public void PortState() => AssertAgree(WordsTestJsonContext.Default.PortState, s => s.ToWord());

    [Fact]
    public void ProbeReason() => AssertAgree(WordsTestJsonContext.Default.ProbeReason, r => r.ToWord());

    [Fact]
    public void PingState() => AssertAgree(WordsTestJsonContext.Default.PingState, s => s.ToWord());

    [Fact]
    public void WaitState() => AssertAgree(WordsTestJsonContext.Default.WaitState, s => s.ToWord());

    [Fact]
    public void TargetStatus() => AssertAgree(WordsTestJsonContext.Default.TargetStatus, s => s.ToWord());

    [Fact]
    public void ExternalVerdictKind() => AssertAgree(WordsTestJsonContext.Default.ExternalVerdictKind, k => k.ToWord());

    [Fact]
    public void ServiceProtocol() => AssertAgree(WordsTestJsonContext.Default.ServiceProtocol, p => p.ToWord());

    [Fact]
    public void StartTlsWords_ListEveryProtocol_InOrder()
    {
        Assert.Equal(Reach.Tls.StartTls.Words, string.Join(", ", Enum.GetValues<Reach.Tls.StartTlsProtocol>().Select(p => p.ToWord())));
    }

    [Fact]
    public void ServiceProbe() => AssertAgree(WordsTestJsonContext.Default.ServiceProbe, p => p.ToWord());

    [Fact]
    public void TlsProblem() => AssertAgree(WordsTestJsonContext.Default.TlsProblem, p => p.ToWord());

    [Fact]
    public void StartTlsProtocol() => AssertAgree(WordsTestJsonContext.Default.StartTlsProtocol, p => p.ToWord());

    private static void AssertAgree<T>(JsonTypeInfo<T> json, Func<T, string> word)
        where T : struct, Enum
    {
        Assert.All(Enum.GetValues<T>(), member => Assert.Equal(JsonSerializer.Serialize(member, json), $"\"{word(member)}\""));
    }
}

[JsonSerializable(typeof(PortState))]
[JsonSerializable(typeof(ProbeReason))]
[JsonSerializable(typeof(PingState))]
[JsonSerializable(typeof(WaitState))]
[JsonSerializable(typeof(TargetStatus))]
[JsonSerializable(typeof(ExternalVerdictKind))]
[JsonSerializable(typeof(ServiceProtocol))]
[JsonSerializable(typeof(ServiceProbe))]
[JsonSerializable(typeof(TlsProblem))]
[JsonSerializable(typeof(StartTlsProtocol))]
internal sealed partial class WordsTestJsonContext : JsonSerializerContext;
