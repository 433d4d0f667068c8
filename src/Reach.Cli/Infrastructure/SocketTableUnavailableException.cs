namespace Reach.Cli.Infrastructure;

/// <summary>The socket table cannot be read here (unsupported OS, denied, undecodable): one line, exit code 69.</summary>
internal sealed class SocketTableUnavailableException(string message) : Exception(message);
