namespace Reach.Cli.Rendering.Sockets;

/// <summary>Linux, macOS and the other Unixes: root, through sudo. Plain text: tested on every OS.</summary>
internal sealed class UnixPrivilegeHint : IPrivilegeHint
{
    public string RunPrivileged(string command) => $"run as root (sudo {command})";
}
