namespace Reach.Sockets;

/// <summary>The reader for an OS Reach cannot read socket tables on yet: a plain message, never a crash.</summary>
internal sealed class UnsupportedSocketTable(string osName) : ISocketTable
{
    // An OS description can span lines; the message is one line.
    private readonly string osName = osName.ReplaceLineEndings(" ").Trim();

    public SocketSnapshot Read(SocketProtocols protocols) =>
        throw new PlatformNotSupportedException(
            $"reading the socket table is not supported on {osName} yet; use 'netstat -anv' or 'lsof -nP -iTCP -iUDP' meanwhile");
}
