namespace Reach.Lab.Tests.Lab.External;

/// <summary>
/// The addresses and ports of the <c>reach external</c> lab: internet ← router (NAT) ← lan, and a second home behind
/// the same router on a carrier-grade (100.64.0.0/10) address. Documentation and private ranges that exist only in
/// the lab's namespaces.
/// </summary>
public static class ExtLabNetwork
{
    /// <summary>The reflector, in the "internet" namespace.</summary>
    public const string ReflectorAddress = "203.0.113.10";

    /// <summary>The router's outer address: the public address of everything behind it.</summary>
    public const string RouterOuter = "203.0.113.1";

    public const string RouterInner = "192.168.77.1";

    /// <summary>The LAN host that runs <c>reach external</c>.</summary>
    public const string LanHost = "192.168.77.10";

    public const string RouterShared = "100.64.77.1";

    /// <summary>A host whose own address is in the provider's shared range (carrier-grade NAT).</summary>
    public const string SharedHost = "100.64.77.10";

    public const int ReflectorPort = 9106;

    /// <summary>Listens in the LAN; the router forwards it there (DNAT): reachable.</summary>
    public const int ForwardedPort = 8080;

    /// <summary>Listens in the LAN; no forward: the router resets it.</summary>
    public const int UnforwardedPort = 8081;

    /// <summary>Listens in the LAN and is forwarded, but the LAN host's INPUT chain drops it.</summary>
    public const int FirewalledPort = 8082;

    /// <summary>Forwarded, but nothing listens in the LAN.</summary>
    public const int NoListenerPort = 8083;

    /// <summary>Listens in the LAN; not forwarded, and the router's INPUT chain drops it: nothing arrives in the LAN.</summary>
    public const int RouterDroppedPort = 8085;

    /// <summary>Listens in the carrier-grade host; nothing forwards it.</summary>
    public const int SharedHostPort = 8084;

    public static string ReflectorUrl => $"http://{ReflectorAddress}:{ReflectorPort}";
}
