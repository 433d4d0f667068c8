using Reach.Sockets;
using Reach.Sockets.Baseline;

namespace Reach.Output;

/// <summary>Maps socket views and baseline diffs to their JSON shapes.</summary>
public static class SocketsJsonMapper
{
    public const int SchemaVersion = 1;

    public static SocketsDocumentJson ToJson(SocketSnapshot snapshot, IReadOnlyList<SocketView> sockets)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(sockets);
        var exposures = NewExposureCache();
        var rows = new SocketJson[sockets.Count];
        for (var i = 0; i < rows.Length; i++)
        {
            var view = sockets[i];
            rows[i] = ToJson(view, exposures);
        }

        return new SocketsDocumentJson(SchemaVersion, snapshot.Source, snapshot.OwnersIncomplete, rows);
    }

    /// <summary>A cache for <see cref="ToJson(SocketView, Dictionary{Exposure, ExposureJson})"/>, keyed by reference.</summary>
    public static Dictionary<Exposure, ExposureJson> NewExposureCache() => new(ReferenceEqualityComparer.Instance);

    public static BaselineDiffJson ToJson(BaselineDiff diff, string baselinePath)
    {
        ArgumentNullException.ThrowIfNull(diff);
        return new BaselineDiffJson(SchemaVersion, baselinePath, diff.HasChanges, diff.Appeared, diff.Disappeared, diff.MoreExposed);
    }

    /// <summary>One socket; <paramref name="exposures"/> maps each exposure once (a table has a handful of distinct ones).</summary>
    public static SocketJson ToJson(SocketView view, Dictionary<Exposure, ExposureJson> exposures)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(exposures);
        if (!exposures.TryGetValue(view.Exposure, out var exposure))
        {
            exposure = ToJson(view.Exposure);
            exposures[view.Exposure] = exposure;
        }

        var row = view.Row;
        return new SocketJson(
            row.Protocol.ToWord(),
            row.Local.Address.ToString(),
            row.Local.Port,
            row.Remote.Address.ToString(),
            row.Remote.Port,
            row.State?.ToWord(),
            view.Entry.Owner?.Pid ?? row.Pid,
            view.Entry.Owner?.Name,
            view.User,
            exposure);
    }

    private static ExposureJson ToJson(Exposure exposure) => new(
        exposure.ClassWord,
        exposure.Reach,
        [.. exposure.Covers.Select(c => new CoveredAddressJson(c.Address.ToString(), c.Scope))],
        exposure.AcceptsIpv4,
        exposure.Ipv4Guessed);
}
