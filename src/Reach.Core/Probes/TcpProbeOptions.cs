namespace Reach.Probes;

/// <summary>How one TCP connect probe behaves.</summary>
public sealed record TcpProbeOptions
{
    public static TcpProbeOptions Default { get; } = new();

    /// <summary>How long to wait for any answer before calling the port filtered (no-response).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Close open connections with RST instead of FIN, so that probed sockets leave nothing in TIME_WAIT.
    /// A scanner wants this; a single polite check does not (servers log resets).
    /// </summary>
    public bool ResetOnClose { get; init; }

    /// <summary>Bind the probe to this local address (and port, when not 0) before connecting, like <c>nc -s</c>.</summary>
    public System.Net.IPEndPoint? LocalEndPoint { get; init; }
}
