using System.Net;
using System.Net.Sockets;

namespace Reach.Sockets;

/// <summary>Classifies one address by who can reach it (<see cref="AddressScope"/>), and names the classes.</summary>
public static class AddressScopes
{
    public static AddressScope Classify(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        return address.AddressFamily == AddressFamily.InterNetwork ? ClassifyV4(bytes[..4]) : ClassifyV6(bytes);
    }

    public static string ToWord(this AddressScope scope) => scope switch
    {
        AddressScope.Loopback => "loopback",
        AddressScope.LinkLocal => "link-local",
        AddressScope.Private => "private",
        _ => "public",
    };

    private static AddressScope ClassifyV4(ReadOnlySpan<byte> b) => b[0] switch
    {
        127 => AddressScope.Loopback,
        169 when b[1] == 254 => AddressScope.LinkLocal,
        10 => AddressScope.Private,
        172 when (b[1] & 0xF0) == 16 => AddressScope.Private,
        192 when b[1] == 168 => AddressScope.Private,
        100 when (b[1] & 0xC0) == 64 => AddressScope.Private,
        _ => AddressScope.Public,
    };

    private static AddressScope ClassifyV6(ReadOnlySpan<byte> b)
    {
        if (b[..15].IndexOfAnyExcept((byte)0) < 0 && b[15] == 1)
        {
            return AddressScope.Loopback;
        }

        if (b[0] == 0xFE && (b[1] & 0xC0) == 0x80)
        {
            return AddressScope.LinkLocal;
        }

        return (b[0] & 0xFE) == 0xFC ? AddressScope.Private : AddressScope.Public;
    }
}
