namespace Reach.Tls;

/// <summary>The STARTTLS preamble failed: the message says how, in one line.</summary>
public sealed class StartTlsException : Exception
{
    public StartTlsException()
    {
    }

    public StartTlsException(string message)
        : base(message)
    {
    }

    public StartTlsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
