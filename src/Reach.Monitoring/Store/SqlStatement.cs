namespace Reach.Monitoring.Store;

/// <summary>A statement with its <c>@</c>-named parameters, to run later or with others (<see cref="ProbeLog"/>).</summary>
internal readonly record struct SqlStatement(string Sql, (string Name, object? Value)[] Parameters);
