using Reach.Sockets;

namespace Reach.Cli.Commands;

/// <summary>What <c>reach sockets</c> does.</summary>
internal enum SocketsMode
{
    List,
    Explain,
    Outbound,
    SaveBaseline,
    Diff,
}

/// <summary>How <c>reach sockets</c> prints.</summary>
internal enum SocketsFormat
{
    Table,
    Json,
    Csv,
}

/// <summary>A validated <c>reach sockets</c> command line.</summary>
internal sealed record SocketsRequest(SocketsMode Mode, SocketFilter Filter, SocketsFormat Format, string? BaselinePath)
{
    /// <summary>Only the protocols the filter can match are read (--tcp skips the UDP table entirely).</summary>
    public SocketProtocols Protocols => Filter.Protocols;
}
