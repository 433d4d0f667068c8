using System.Buffers.Binary;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Reach.Routing;

/// <summary>Windows: the route the stack would take, from GetBestRoute2 (iphlpapi), as <c>route print</c> knows it.</summary>
[SupportedOSPlatform("windows")]
internal sealed unsafe partial class WindowsRouteTable : IRouteTable
{
    public RouteEntry? Lookup(IPAddress destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var sockaddr = stackalloc byte[WindowsRouteDecoder.SockaddrInetSize];
        var target = new Span<byte>(sockaddr, WindowsRouteDecoder.SockaddrInetSize);
        target.Clear();
        if (destination.AddressFamily == AddressFamily.InterNetwork)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(target, WindowsRouteDecoder.AfInet);
            destination.TryWriteBytes(target.Slice(4, 4), out _);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(target, WindowsRouteDecoder.AfInet6);
            destination.TryWriteBytes(target.Slice(8, 16), out _);
            BinaryPrimitives.WriteUInt32LittleEndian(target[24..], (uint)destination.ScopeId);
        }

        var row = stackalloc byte[WindowsRouteDecoder.RowSize];
        var source = stackalloc byte[WindowsRouteDecoder.SockaddrInetSize];
        if (GetBestRoute2(null, 0, null, sockaddr, 0, row, source) != 0)
        {
            return null;
        }

        return WindowsRouteDecoder.Decode(new ReadOnlySpan<byte>(row, WindowsRouteDecoder.RowSize), InterfaceName)?.Route;
    }

    private static string? InterfaceName(uint index)
    {
        try
        {
            foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
            {
                var properties = nic.GetIPProperties();
                if ((nic.Supports(NetworkInterfaceComponent.IPv4) && properties.GetIPv4Properties()?.Index == index)
                    || (nic.Supports(NetworkInterfaceComponent.IPv6) && properties.GetIPv6Properties()?.Index == index))
                {
                    return nic.Name;
                }
            }
        }
        catch (NetworkInformationException)
        {
        }

        return null;
    }

    [LibraryImport("iphlpapi.dll", EntryPoint = "GetBestRoute2")]
    private static partial uint GetBestRoute2(void* interfaceLuid, uint interfaceIndex, void* sourceAddress, void* destinationAddress, uint addressSortOptions, void* bestRoute, void* bestSourceAddress);
}
