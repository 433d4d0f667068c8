using System.Text.Json.Serialization;
using Reach.Checking;
using Reach.External;
using Reach.Pinging;
using Reach.Probes;
using Reach.Waiting;

namespace Reach.Output;

/// <summary>The JSON metadata <see cref="ProbeWords"/> and <see cref="ExternalWords"/> read the words from (source-generated, no reflection).</summary>
[JsonSerializable(typeof(PortState))]
[JsonSerializable(typeof(ProbeReason))]
[JsonSerializable(typeof(PingState))]
[JsonSerializable(typeof(WaitState))]
[JsonSerializable(typeof(TargetStatus))]
[JsonSerializable(typeof(ExternalVerdictKind))]
internal sealed partial class WordsJsonContext : JsonSerializerContext;
