namespace Reach.Services;

/// <summary>A named TCP service: its port, a one-line description and other words people use for it.</summary>
/// <param name="Name">The service name, as IANA registers it where the registry has one (for example <c>ms-wbt-server</c>).</param>
/// <param name="Port">The TCP port, 1..65535.</param>
/// <param name="Description">A one-line description (usually IANA's, lightly edited).</param>
/// <param name="Aliases">Other names accepted for the same service (for example <c>rdp</c>); never <see langword="null"/>.</param>
public sealed record ServiceEntry(string Name, int Port, string Description, IReadOnlyList<string> Aliases);
