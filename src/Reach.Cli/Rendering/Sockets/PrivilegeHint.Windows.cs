namespace Reach.Cli.Rendering.Sockets;

/// <summary>Windows: an Administrator's elevated prompt. Plain text: tested on every OS.</summary>
internal sealed class WindowsPrivilegeHint : IPrivilegeHint
{
    public string RunPrivileged(string command) => $"run as Administrator ({command} in an elevated prompt)";
}
