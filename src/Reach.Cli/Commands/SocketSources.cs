using Reach.Cli.Infrastructure;
using Reach.Sockets;

namespace Reach.Cli.Commands;

/// <summary>Where <c>reach sockets</c> and <c>reach who</c> read from: the OS, or fakes in tests.</summary>
internal sealed record SocketSources(ISocketTable Table, IInterfaceAddressSource Interfaces, Func<bool?> DefaultV6Only)
{
    public static SocketSources System { get; } = new(SocketTables.System, new SystemInterfaceAddressSource(), SystemV6OnlyDefault.Read);

    /// <summary>Reads the table and this host's addresses; an unreadable table is <see cref="SocketTableUnavailableException"/>.</summary>
    public (SocketSnapshot Snapshot, ExposureCalculator Exposures) Read(SocketProtocols protocols)
    {
        SocketSnapshot snapshot;
        try
        {
            snapshot = Table.Read(protocols);
        }
        catch (Exception ex) when (ex is PlatformNotSupportedException or SocketTableException)
        {
            throw new SocketTableUnavailableException(ex.Message);
        }

        return (snapshot, new ExposureCalculator(Interfaces.GetAddresses(), DefaultV6Only()));
    }
}
