using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;

namespace Reach.Cli.Infrastructure;

/// <summary>
/// Why an HTTP server (<c>reach watch</c>, <c>reach serve</c>) could not listen on its <c>--listen</c> endpoint. Kestrel
/// reports a port in use as an IOException around AddressInUseException, but any other bind error (an address this
/// host does not have, a port below 1024 without the privilege) as the bare SocketException: both are one line and
/// exit 69, never "internal error".
/// </summary>
internal static class ListenFailure
{
    /// <summary>
    /// The kernel's reason, or null when <paramref name="exception"/> is not a bind failure. A bare SocketException
    /// counts only while the server had not started (<paramref name="started"/> false): the bind is the one socket
    /// operation of the start-up.
    /// </summary>
    public static string? Reason(Exception exception, bool started) => exception switch
    {
        IOException { InnerException: SocketException or AddressInUseException } wrapped => wrapped.InnerException!.Message,
        AddressInUseException inUse => inUse.Message,
        SocketException bind when !started => bind.Message,
        _ => null,
    };
}
