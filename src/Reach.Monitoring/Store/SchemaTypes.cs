namespace Reach.Monitoring.Store;

/// <summary>How one engine spells the columns of <see cref="HistorySchema"/>.</summary>
/// <param name="MetaTable">The table of schema facts (PostgreSQL: prefixed, the database may hold other tables).</param>
/// <param name="Text">A string column.</param>
/// <param name="Int">A small number: a port, a flag, a status, a counter.</param>
/// <param name="Long">A time, a round trip, a row id, a probe count.</param>
/// <param name="TargetId">The key of <c>targets</c>.</param>
/// <param name="SerialId">The key of <c>incidents</c> and <c>outbox</c>: never reused, since alerts carry it.</param>
/// <param name="Owner">A column naming whose targets these are, when several agents share the database.</param>
/// <param name="KeyedTableOptions">After the rolled-up tables, which are read and written by their key.</param>
internal sealed record SchemaTypes(
    string MetaTable,
    string Text,
    string Int,
    string Long,
    string TargetId,
    string SerialId,
    string? Owner,
    string KeyedTableOptions);
