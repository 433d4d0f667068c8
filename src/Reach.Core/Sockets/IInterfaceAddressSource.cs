using System.Net;

namespace Reach.Sockets;

/// <summary>This machine's (network namespace's) own addresses: what a wildcard bind actually covers.</summary>
public interface IInterfaceAddressSource
{
    IReadOnlyList<IPAddress> GetAddresses();
}
