using System.Text.Json.Serialization;

namespace Reach.Tls;

/// <summary>Why a TLS service is not one a client can trust, each with its own word and explanation.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TlsProblem>))]
public enum TlsProblem
{
    /// <summary>The handshake did not complete (no common protocol or cipher, not TLS at all, reset, timeout).</summary>
    [JsonStringEnumMemberName("handshake-failed")] HandshakeFailed,

    [JsonStringEnumMemberName("expired")] Expired,
    [JsonStringEnumMemberName("not-yet-valid")] NotYetValid,

    /// <summary>The certificate does not name the host asked for (SNI) in its SANs.</summary>
    [JsonStringEnumMemberName("name-mismatch")] NameMismatch,

    /// <summary>The certificate signed itself and is not trusted here.</summary>
    [JsonStringEnumMemberName("self-signed")] SelfSigned,

    /// <summary>The chain ends at a root this host does not trust (a private CA: <c>--ca FILE</c>).</summary>
    [JsonStringEnumMemberName("unknown-issuer")] UnknownIssuer,

    /// <summary>The chain cannot be built up to a root: the server did not send its intermediate certificate.</summary>
    [JsonStringEnumMemberName("incomplete-chain")] IncompleteChain,

    /// <summary>An RSA or DSA key under 2048 bits, or an elliptic-curve key under 256.</summary>
    [JsonStringEnumMemberName("weak-key")] WeakKey,

    /// <summary>Any other reason the chain did not verify (a bad signature, a wrong usage, a constraint).</summary>
    [JsonStringEnumMemberName("chain-error")] ChainError,
}
