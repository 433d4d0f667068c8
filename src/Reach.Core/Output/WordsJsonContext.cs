using System.Text.Json.Serialization;
using Reach.Probes;

namespace Reach.Output;

/// <summary>The JSON metadata <see cref="ProbeWords"/> reads the words from (source-generated, no reflection).</summary>
[JsonSerializable(typeof(PortState))]
[JsonSerializable(typeof(ProbeReason))]
internal sealed partial class WordsJsonContext : JsonSerializerContext;
