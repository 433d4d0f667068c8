using System.Net;
using System.Net.NetworkInformation;

namespace Reach.Sockets;

/// <summary>The unicast addresses of every interface, as System.Net.NetworkInformation reports them.</summary>
public sealed class SystemInterfaceAddressSource : IInterfaceAddressSource
{
    public IReadOnlyList<IPAddress> GetAddresses()
    {
        try
        {
            return [.. NetworkInterface.GetAllNetworkInterfaces()
                .SelectMany(i => i.GetIPProperties().UnicastAddresses)
                .Select(u => u.Address)
                .Distinct()];
        }
        catch (NetworkInformationException)
        {
            // Exposure of specific binds needs no interface list; wildcards then cover "no known address".
            return [];
        }
    }
}
