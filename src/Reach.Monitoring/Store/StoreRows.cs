using System.Data.Common;
using Reach.Monitoring.Expansion;
using Reach.Monitoring.Probing;
using Reach.Monitoring.State;
using Reach.Probes;
using static Reach.Monitoring.Store.StoredValues;

namespace Reach.Monitoring.Store;

/// <summary>
/// The one place that turns a result row into a record, for both stores. Each reader expects the columns of the
/// matching list below (tables aliased <c>t</c> targets, <c>i</c> incidents, <c>o</c> outbox), in that order.
/// </summary>
internal static class StoreRows
{
    /// <summary>The target key and its <see cref="TargetState"/> (<see cref="ReadKey"/> at 0, <see cref="ReadState"/> at 3).</summary>
    public const string StateColumns = "t.check_name, t.host, t.port, t.status, t.since, t.failures, t.successes, t.streak_start, t.last_probe, t.last_error, t.open_incident";

    public const string SnapshotColumns = StateColumns + ", t.last_state, t.last_reason, t.last_latency_us, t.last_address, t.active, t.last_detail";

    public const string IncidentColumns = "i.id, i.started, i.ended, i.reason, i.last_error, i.end_note, t.check_name, t.host, t.port, i.kind";

    public const string AlertColumns = "o.id, o.channel, o.kind, o.created, o.attempts, " + IncidentColumns;

    public static TargetKey ReadKey(DbDataReader reader, int first) =>
        new(reader.GetString(first), reader.GetString(first + 1), reader.GetInt32(first + 2));

    /// <summary>Reads status, since, failures, successes, streak_start, last_probe, last_error, open_incident.</summary>
    public static TargetState ReadState(DbDataReader reader, int first) => new(
        (TargetHealth)reader.GetInt32(first),
        Time(reader, first + 1),
        reader.GetInt32(first + 2),
        reader.GetInt32(first + 3),
        Time(reader, first + 4),
        Time(reader, first + 5),
        Text(reader, first + 6),
        Long(reader, first + 7));

    /// <summary>Reads <see cref="SnapshotColumns"/>.</summary>
    public static TargetSnapshot ReadSnapshot(DbDataReader reader) => new(
        ReadKey(reader, 0),
        ReadState(reader, 3),
        WatchWords.TryParse(Text(reader, 11), out ProbeState state) ? state : null,
        ProbeWords.TryParse(Text(reader, 12), out ProbeReason reason) ? reason : null,
        Long(reader, 13) is { } us ? FromMicroseconds(us) : null,
        Text(reader, 14),
        reader.GetInt32(15) == 1,
        DetailsJson.Read(Text(reader, 16)));

    /// <summary>Reads <see cref="IncidentColumns"/> starting at <paramref name="first"/>.</summary>
    public static Incident ReadIncident(DbDataReader reader, int first) => new(
        reader.GetInt64(first),
        ReadKey(reader, first + 6),
        FromMs(reader.GetInt64(first + 1)),
        Time(reader, first + 2),
        reader.GetString(first + 3),
        Text(reader, first + 4),
        Text(reader, first + 5),
        (IncidentKind)reader.GetInt32(first + 9));

    /// <summary>Reads <see cref="AlertColumns"/>.</summary>
    public static PendingAlert ReadAlert(DbDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetString(1),
        (AlertKind)reader.GetInt32(2),
        ReadIncident(reader, 5),
        FromMs(reader.GetInt64(3)),
        reader.GetInt32(4));

    /// <summary>Reads check, host, port, probes, successes, failures.</summary>
    public static UptimeSummary ReadUptime(DbDataReader reader) =>
        new(ReadKey(reader, 0), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5));

    /// <summary>Reads bucket start, probes, successes, failures, latency sum, latency count, latency min, latency max.</summary>
    public static LatencyPoint ReadLatencyPoint(DbDataReader reader)
    {
        var count = reader.GetInt64(5);
        return new LatencyPoint(
            FromMs(reader.GetInt64(0)),
            reader.GetInt64(1),
            reader.GetInt64(2),
            reader.GetInt64(3),
            count > 0 ? TimeSpan.FromTicks(reader.GetInt64(4) * 10 / count) : null, // ticks before dividing: the mean keeps its fraction of a microsecond
            Long(reader, 6) is { } min ? FromMicroseconds(min) : null,
            Long(reader, 7) is { } max ? FromMicroseconds(max) : null);
    }

    private static DateTimeOffset? Time(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : FromMs(reader.GetInt64(ordinal));

    internal static string? Text(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    internal static long? Long(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);
}
