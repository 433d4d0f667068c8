namespace Reach.Monitoring.Alerts;

/// <summary>An alert that did not get through (HTTP status, exit code, SMTP error): retried with backoff.</summary>
internal sealed class AlertDeliveryException : Exception
{
    public AlertDeliveryException(string message)
        : base(message)
    {
    }

    public AlertDeliveryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public AlertDeliveryException()
    {
    }
}
