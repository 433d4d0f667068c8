namespace Reach.Tls;

/// <summary>One certificate of the chain the server sent, as <c>openssl x509 -noout -text</c> would describe it.</summary>
/// <param name="Subject">The subject's distinguished name.</param>
/// <param name="Names">The DNS names and IP addresses of its Subject Alternative Name extension, in its order (at most
/// <see cref="TlsProbe.MaxNamesShown"/>; <paramref name="NameCount"/> says how many there were).</param>
/// <param name="NameCount">How many SAN entries the certificate has.</param>
/// <param name="Issuer">The issuer's distinguished name.</param>
/// <param name="NotBefore">The start of its validity (UTC).</param>
/// <param name="NotAfter">The end of its validity (UTC).</param>
/// <param name="KeyType"><c>RSA</c>, <c>ECDSA</c>, <c>Ed25519</c>, … from the key's algorithm.</param>
/// <param name="KeyBits">The key size in bits.</param>
/// <param name="SignatureAlgorithm">How the issuer signed it (<c>sha256RSA</c>, <c>sha384ECDSA</c>, …).</param>
/// <param name="Sha256">The SHA-256 fingerprint, hex, upper case with colons (as openssl prints it).</param>
public sealed record CertificateInfo(
    string Subject,
    IReadOnlyList<string> Names,
    int NameCount,
    string Issuer,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter,
    string KeyType,
    int KeyBits,
    string SignatureAlgorithm,
    string Sha256);
