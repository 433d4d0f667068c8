using Reach.Tls;

namespace Reach.Identification;

/// <summary>How <see cref="ServiceIdentifier"/> asks an open port what it is.</summary>
public sealed record ServiceIdentifierOptions
{
    /// <summary>
    /// The banner's whole budget, connect included (half of it for a greeting before <c>HEAD /</c>): 1 s, as
    /// <c>reach check</c> waits.
    /// </summary>
    public TimeSpan Wait { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How to shake hands with TLS (<c>--tls</c>); null: no handshake.</summary>
    public TlsProbeOptions? Tls { get; init; }
}
