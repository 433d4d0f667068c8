using Reach.Sockets;
using Reach.Sockets.Baseline;

namespace Reach.Output;

// The JSON shapes of `reach sockets --json`, `--diff --json` and `reach who --json` (docs/sockets.md,
// docs/schemas/sockets.schema.json).

public sealed record SocketsDocumentJson(int SchemaVersion, string Source, bool OwnersIncomplete, IReadOnlyList<SocketJson> Sockets);

public sealed record SocketJson(
    string Proto,
    string LocalAddress,
    int LocalPort,
    string RemoteAddress,
    int RemotePort,
    string? State,
    int? Pid,
    string? Process,
    string? Exe,
    string? CommandLine,
    string? User,
    IReadOnlyList<SocketOwnerJson> OtherOwners,
    ExposureJson Exposure);

/// <summary>
/// A process holding a socket besides the one <see cref="SocketJson"/> names (the lowest PID): after fork() (a
/// pre-fork server's workers, a child) or descriptor passing.
/// </summary>
public sealed record SocketOwnerJson(int Pid, string? Process, string? Exe, string? CommandLine, string? User);

public sealed record ExposureJson(string Class, AddressScope Reach, IReadOnlyList<CoveredAddressJson> Covers, bool? Ipv4, bool Ipv4Guessed);

public sealed record CoveredAddressJson(string Address, AddressScope Class);

public sealed record BaselineDiffJson(
    int SchemaVersion,
    string Baseline,
    bool Changed,
    IReadOnlyList<BaselineListener> Appeared,
    IReadOnlyList<BaselineListener> Disappeared,
    IReadOnlyList<ExposureChange> MoreExposed);

/// <summary><c>reach who PORT --json</c>: every process listening on the port, hidden owners included.</summary>
public sealed record WhoDocumentJson(
    int SchemaVersion,
    string Source,
    bool OwnersIncomplete,
    int Port,
    string? Service,
    IReadOnlyList<WhoProcessJson> Processes);

/// <summary>One owning process; every owner field is null when it cannot be seen (<c>user</c> may still be known from the table).</summary>
public sealed record WhoProcessJson(
    int? Pid,
    string? Process,
    string? Exe,
    string? CommandLine,
    string? User,
    IReadOnlyList<WhoListenerJson> Listeners);

/// <summary>One bind address of the process on the port, with who can reach it there.</summary>
public sealed record WhoListenerJson(string Proto, string LocalAddress, int LocalPort, ExposureJson Exposure);
