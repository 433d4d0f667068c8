using System.Text.Json.Serialization;
using Reach.Monitoring.Probing;
using Reach.Output;

namespace Reach.Monitoring;

/// <summary>
/// The words reach watch stores and prints for its own enums: each member's JSON word, its
/// <c>[JsonStringEnumMemberName]</c>, the one place a word is written down (see <see cref="EnumWords{T}"/>). Reasons
/// are Reach.Core's (<see cref="Probes.ProbeWords"/>).
/// </summary>
internal static class WatchWords
{
    private static readonly EnumWords<ProbeState> ProbeStates = new(WatchWordsJsonContext.Default.ProbeState);

    public static string ToWord(this ProbeState state) => ProbeStates.Word(state);

    /// <summary>The state a stored word names; false for any other word.</summary>
    public static bool TryParse(string? word, out ProbeState state) => ProbeStates.TryParse(word, out state);
}

/// <summary>The JSON metadata <see cref="WatchWords"/> reads the words from (source-generated, no reflection).</summary>
[JsonSerializable(typeof(ProbeState))]
internal sealed partial class WatchWordsJsonContext : JsonSerializerContext;
