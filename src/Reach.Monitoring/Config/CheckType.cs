namespace Reach.Monitoring.Config;

/// <summary>How a check probes its targets.</summary>
internal enum CheckType
{
    /// <summary>A TCP connect to each port (no privileges needed).</summary>
    Tcp,

    /// <summary>An ICMP echo to each address (raw socket as root, the system ping helper otherwise).</summary>
    Icmp,

    /// <summary>A TLS handshake on each port (SNI, trust, days left), with the protocol's STARTTLS where it has one.</summary>
    Tls,

    /// <summary>An HTTP(S) request to each port or URL: status, optional body match, response time (and the certificate on https).</summary>
    Http,

    /// <summary>Send a string (or nothing) and expect a substring or regex in the answer, for any TCP service.</summary>
    Expect,
}
