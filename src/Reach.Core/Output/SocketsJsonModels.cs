using Reach.Sockets;
using Reach.Sockets.Baseline;

namespace Reach.Output;

// The JSON shapes of `reach sockets --json` and `--diff --json` (docs/sockets.md, docs/schemas/sockets.schema.json).

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
    string? User,
    ExposureJson Exposure);

public sealed record ExposureJson(string Class, AddressScope Reach, IReadOnlyList<CoveredAddressJson> Covers, bool? Ipv4, bool Ipv4Guessed);

public sealed record CoveredAddressJson(string Address, AddressScope Class);

public sealed record BaselineDiffJson(
    int SchemaVersion,
    string Baseline,
    bool Changed,
    IReadOnlyList<BaselineListener> Appeared,
    IReadOnlyList<BaselineListener> Disappeared,
    IReadOnlyList<ExposureChange> MoreExposed);
