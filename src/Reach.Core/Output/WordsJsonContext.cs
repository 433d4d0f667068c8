using System.Text.Json.Serialization;
using Reach.Pinging;
using Reach.Probes;
using Reach.Waiting;

namespace Reach.Output;

/// <summary>The JSON metadata <see cref="ProbeWords"/> reads the words from (source-generated, no reflection).</summary>
[JsonSerializable(typeof(PortState))]
[JsonSerializable(typeof(ProbeReason))]
[JsonSerializable(typeof(PingState))]
[JsonSerializable(typeof(WaitState))]
internal sealed partial class WordsJsonContext : JsonSerializerContext;
