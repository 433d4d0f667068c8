namespace Reach.Cli.Rendering.Sockets;

/// <summary>How this OS's users run a command with the privileges that show every socket's owner; one wording per OS.</summary>
internal interface IPrivilegeHint
{
    /// <summary>The advice for <paramref name="command"/>, to follow "some owners are hidden: ".</summary>
    string RunPrivileged(string command);
}
