using System.Text.Json;
using Reach.Monitoring.Json;
using Reach.Monitoring.Probing;

namespace Reach.Monitoring.Store;

/// <summary><c>targets.last_detail</c>: a probe's <see cref="ProbeDetails"/> as JSON (source-generated, no reflection).</summary>
internal static class DetailsJson
{
    public static string? Write(ProbeDetails? details) =>
        details is null ? null : JsonSerializer.Serialize(details, WatchJsonContext.Default.ProbeDetails);

    /// <summary>The stored details; null for none, and for a value this version cannot read (never a failure).</summary>
    public static ProbeDetails? Read(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(json, WatchJsonContext.Default.ProbeDetails);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
