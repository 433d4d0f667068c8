namespace Reach.Sockets;

/// <summary>The socket table could not be read or one of its records could not be decoded.</summary>
public sealed class SocketTableException : Exception
{
    public SocketTableException()
    {
    }

    public SocketTableException(string message)
        : base(message)
    {
    }

    public SocketTableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
