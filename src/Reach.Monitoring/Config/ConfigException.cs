namespace Reach.Monitoring.Config;

/// <summary>A watch configuration that cannot be used; the message is one line naming the file, line and key.</summary>
internal sealed class ConfigException : Exception
{
    public ConfigException(string message)
        : base(message)
    {
    }

    public ConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ConfigException()
    {
    }
}
