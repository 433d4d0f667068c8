namespace Reach.Sockets;

/// <summary>An OS whose conventions reach does not know yet (macOS, the BSDs): zones stay numbers, IPV6_V6ONLY is unknown.</summary>
internal sealed class UnknownSocketConventions : ISocketConventions
{
    public string? InterfaceName(long index) => null;

    public bool? DefaultV6Only() => null;
}
