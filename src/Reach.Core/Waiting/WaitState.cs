using System.Text.Json.Serialization;

namespace Reach.Waiting;

/// <summary>Where one target of <c>reach wait</c> stands after its last probe.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WaitState>))]
public enum WaitState
{
    /// <summary>Not probed yet.</summary>
    [JsonStringEnumMemberName("pending")] Pending,

    /// <summary>The port's state (<see cref="Probes.PortState"/>, the same words).</summary>
    [JsonStringEnumMemberName("open")] Open,

    [JsonStringEnumMemberName("closed")] Closed,

    [JsonStringEnumMemberName("filtered")] Filtered,

    [JsonStringEnumMemberName("error")] Error,

    /// <summary>The name did not resolve (to an address of the wanted family).</summary>
    [JsonStringEnumMemberName("unresolved")] Unresolved,
}
