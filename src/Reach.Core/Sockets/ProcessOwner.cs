namespace Reach.Sockets;

/// <summary>The process holding a socket, as far as this user may see it.</summary>
/// <param name="Pid">Process id.</param>
/// <param name="Name">Short name (Linux <c>/proc/PID/comm</c>, Windows image name without path).</param>
/// <param name="ExecutablePath">Full path of the executable, when readable.</param>
/// <param name="CommandLine">Command line with arguments separated by spaces, when readable.</param>
/// <param name="User">Owning user name (or numeric id when it has no name), when known.</param>
public sealed record ProcessOwner(int Pid, string? Name, string? ExecutablePath, string? CommandLine, string? User);
