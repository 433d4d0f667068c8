using Reach.Services;
using Reach.Sockets;
using Reach.Sockets.Baseline;

namespace Reach.Output;

/// <summary>Maps socket views, baseline diffs and port listeners to their JSON shapes.</summary>
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
        var exposure = Cached(view.Exposure, exposures);
        var row = view.Row;
        return new SocketJson(
            row.Protocol.ToWord(),
            EndpointNotation.Plain(row.Local.Address),
            row.Local.Port,
            EndpointNotation.Plain(row.Remote.Address),
            row.Remote.Port,
            row.State?.ToWord(),
            view.Entry.Pid,
            view.Entry.Owner?.Name,
            view.Entry.Owner?.ExecutablePath,
            view.Entry.Owner?.CommandLine,
            view.User,
            OtherOwners(view.Entry),
            exposure);
    }

    /// <summary>The owners after the first; the one empty list for the usual single owner.</summary>
    private static IReadOnlyList<SocketOwnerJson> OtherOwners(SocketEntry entry) => entry.Owners.Count <= 1
        ? []
        : [.. entry.Owners.Skip(1).Select(o => new SocketOwnerJson(o.Pid, o.Name, o.ExecutablePath, o.CommandLine, o.User))];

    /// <summary><c>reach who PORT --json</c>: the owners <see cref="PortListeners.Find"/> found on <paramref name="port"/>.</summary>
    public static WhoDocumentJson ToJson(SocketSnapshot snapshot, int port, IReadOnlyList<ListenerOwner> owners)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(owners);
        var exposures = NewExposureCache();
        var processes = new WhoProcessJson[owners.Count];
        for (var i = 0; i < processes.Length; i++)
        {
            var owner = owners[i];
            WhoListenerJson[] listeners = [.. owner.Sockets.Select(s =>
                new WhoListenerJson(s.Row.Protocol.ToWord(), EndpointNotation.Plain(s.Row.Local.Address), s.Row.Local.Port, Cached(s.Exposure, exposures)))];
            processes[i] = new WhoProcessJson(
                owner.Pid,
                owner.Owner?.Name,
                owner.Owner?.ExecutablePath,
                owner.Owner?.CommandLine,
                owner.User,
                listeners);
        }

        return new WhoDocumentJson(SchemaVersion, snapshot.Source, snapshot.OwnersIncomplete, port, ServiceCatalog.FindByPort(port)?.Name, processes);
    }

    private static ExposureJson Cached(Exposure exposure, Dictionary<Exposure, ExposureJson> exposures)
    {
        if (!exposures.TryGetValue(exposure, out var json))
        {
            json = ToJson(exposure);
            exposures[exposure] = json;
        }

        return json;
    }

    private static ExposureJson ToJson(Exposure exposure) => new(
        exposure.ClassWord,
        exposure.Reach,
        [.. exposure.Covers.Select(c => new CoveredAddressJson(EndpointNotation.Plain(c.Address), c.Scope))],
        exposure.AcceptsIpv4,
        exposure.Ipv4Guessed);
}
