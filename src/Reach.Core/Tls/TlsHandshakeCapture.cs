using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Reach.Tls;

/// <summary>
/// What a TLS client saw of the server's certificate during one handshake (SslStream's or HttpClient's), and the
/// verdict on it once the handshake is done. Every certificate is accepted while shaking hands, so that an untrusted
/// one is still reported; <see cref="Report"/> judges it with X509Chain against the system's roots and extra anchors.
/// </summary>
internal sealed class TlsHandshakeCapture : IDisposable
{
    private const string Ed25519Oid = "1.3.101.112";

    private readonly X509Certificate2Collection presented = [];
    private X509Certificate2? leaf;
    private SslPolicyErrors policyErrors;

    /// <summary>For <see cref="SslClientAuthenticationOptions.RemoteCertificateValidationCallback"/>: keep, never refuse.</summary>
#pragma warning disable CA5359 // Every certificate is accepted to be reported; Report() is the verdict.
    public bool Accept(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        policyErrors = errors;
        if (certificate is not null)
        {
            leaf = new X509Certificate2(certificate);
        }

        if (chain is not null)
        {
            // The certificates the server sent (besides its own) are given to the chain as its extra store.
            foreach (var sent in chain.ChainPolicy.ExtraStore)
            {
                presented.Add(new X509Certificate2(sent));
            }
        }

        return true;
    }
#pragma warning restore CA5359

    public void Dispose()
    {
        leaf?.Dispose();
        foreach (var certificate in presented)
        {
            certificate.Dispose();
        }
    }

    /// <summary>The certificates seen so far, leaf first (also after a failed handshake).</summary>
    public IReadOnlyList<CertificateInfo> Describe() => Describe(leaf, presented);

    /// <summary>The completed handshake's session, certificates and problems.</summary>
    public TlsReport Report(string serverName, SslStream ssl, X509Certificate2Collection extraTrust, DateTimeOffset now, TimeSpan elapsed, StartTlsProtocol? startTls)
    {
        ArgumentNullException.ThrowIfNull(ssl);
        var problems = leaf is null ? [TlsProblem.ChainError] : Judge(leaf, presented, policyErrors, extraTrust, now);
        var alpn = ssl.NegotiatedApplicationProtocol.Protocol.IsEmpty ? null : ssl.NegotiatedApplicationProtocol.ToString();
        return new TlsReport(
            serverName,
            ProtocolName(ssl.SslProtocol),
            ssl.NegotiatedCipherSuite.ToString(),
            alpn,
            Describe(leaf, presented),
            problems,
            leaf is null ? null : (int)Math.Floor((new DateTimeOffset(leaf.NotAfter.ToUniversalTime()) - now).TotalDays),
            null,
            elapsed,
            startTls);
    }

    private static List<TlsProblem> Judge(X509Certificate2 leaf, X509Certificate2Collection presented, SslPolicyErrors errors, X509Certificate2Collection extraTrust, DateTimeOffset now)
    {
        var problems = new List<TlsProblem>();
        using var chain = new X509Chain();
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = now.UtcDateTime;
        chain.ChainPolicy.ExtraStore.AddRange(presented);
        if (extraTrust.Count > 0)
        {
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(SystemRoots.Value);
            chain.ChainPolicy.CustomTrustStore.AddRange(extraTrust);
        }

        if (!chain.Build(leaf))
        {
            var flags = chain.ChainStatus.Aggregate(X509ChainStatusFlags.NoError, (all, s) => all | s.Status);
            if (flags.HasFlag(X509ChainStatusFlags.NotTimeValid))
            {
                problems.Add(leaf.NotAfter.ToUniversalTime() < now.UtcDateTime ? TlsProblem.Expired : TlsProblem.NotYetValid);
            }

            if (flags.HasFlag(X509ChainStatusFlags.UntrustedRoot))
            {
                problems.Add(chain.ChainElements.Count == 1 && leaf.SubjectName.RawData.AsSpan().SequenceEqual(leaf.IssuerName.RawData) ? TlsProblem.SelfSigned : TlsProblem.UnknownIssuer);
            }

            if (flags.HasFlag(X509ChainStatusFlags.PartialChain))
            {
                // The chain stops short of a root. At the leaf itself: the server sent none of its issuers (a missing
                // intermediate). Further up: it ends at an issuer this host does not know (a private CA: --ca FILE).
                problems.Add(chain.ChainElements.Count <= 1 ? TlsProblem.IncompleteChain : TlsProblem.UnknownIssuer);
            }

            const X509ChainStatusFlags Explained = X509ChainStatusFlags.NotTimeValid | X509ChainStatusFlags.UntrustedRoot | X509ChainStatusFlags.PartialChain
                | X509ChainStatusFlags.RevocationStatusUnknown | X509ChainStatusFlags.OfflineRevocation;
            if ((flags & ~Explained) != X509ChainStatusFlags.NoError)
            {
                problems.Add(TlsProblem.ChainError);
            }
        }

        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            problems.Add(TlsProblem.NameMismatch);
        }

        if (IsWeakKey(leaf))
        {
            problems.Add(TlsProblem.WeakKey);
        }

        return problems;
    }

    private static readonly Lazy<X509Certificate2Collection> SystemRoots = new(() =>
    {
        using var store = new X509Store(StoreName.Root, StoreLocation.LocalMachine);
        store.Open(OpenFlags.ReadOnly);
        return store.Certificates;
    });

    /// <summary>An RSA or DSA key under 2048 bits, an elliptic-curve key under 256 (NIST SP 800-57, 112-bit security).</summary>
    internal static bool IsWeakKey(X509Certificate2 certificate)
    {
        var (type, bits) = Key(certificate);
        return type switch
        {
            "RSA" or "DSA" => bits < 2048,
            "ECDSA" => bits < 256,
            _ => false,
        };
    }

    /// <summary>The leaf, then the certificates it was sent with, each issuer after what it signed where it can be followed.</summary>
    private static List<CertificateInfo> Describe(X509Certificate2? leaf, X509Certificate2Collection presented)
    {
        if (leaf is null)
        {
            return [];
        }

        var ordered = new List<X509Certificate2> { leaf };
        var rest = presented.Where(c => c.Thumbprint != leaf.Thumbprint).ToList();
        while (rest.Count > 0 && ordered.Count < TlsProbe.MaxChainShown)
        {
            var last = ordered[^1];
            var issuer = rest.FirstOrDefault(c => c.SubjectName.RawData.AsSpan().SequenceEqual(last.IssuerName.RawData)) ?? rest[0];
            ordered.Add(issuer);
            rest.Remove(issuer);
        }

        return [.. ordered.Select(Info)];
    }

    private static CertificateInfo Info(X509Certificate2 certificate)
    {
        var all = SubjectAltNames.Read(certificate);
        var names = all.Take(TlsProbe.MaxNamesShown).Select(name => Text.Printable.OneLine(name, 256)).ToList();
        var count = all.Count;

        var (type, bits) = Key(certificate);
        return new CertificateInfo(
            Text.Printable.OneLine(certificate.Subject, 512),
            names,
            count,
            Text.Printable.OneLine(certificate.Issuer, 512),
            new DateTimeOffset(certificate.NotBefore.ToUniversalTime()),
            new DateTimeOffset(certificate.NotAfter.ToUniversalTime()),
            type,
            bits,
            certificate.SignatureAlgorithm.FriendlyName ?? certificate.SignatureAlgorithm.Value ?? "unknown",
            string.Join(':', Convert.ToHexString(certificate.GetCertHash(HashAlgorithmName.SHA256)).Chunk(2).Select(c => new string(c))));
    }

    private static (string Type, int Bits) Key(X509Certificate2 certificate)
    {
        if (certificate.GetRSAPublicKey() is { } rsa)
        {
            using (rsa)
            {
                return ("RSA", rsa.KeySize);
            }
        }

        if (certificate.GetECDsaPublicKey() is { } ecdsa)
        {
            using (ecdsa)
            {
                return ("ECDSA", ecdsa.KeySize);
            }
        }

        return certificate.PublicKey.Oid.Value == Ed25519Oid ? ("Ed25519", 256) : (certificate.PublicKey.Oid.FriendlyName ?? "unknown", 0);
    }

    private static string ProtocolName(SslProtocols protocol) => protocol switch
    {
        SslProtocols.Tls13 => "TLSv1.3",
        SslProtocols.Tls12 => "TLSv1.2",
#pragma warning disable SYSLIB0039, CA5397 // Named, not offered: an old server's answer is reported as what it is.
        SslProtocols.Tls11 => "TLSv1.1",
        SslProtocols.Tls => "TLSv1",
#pragma warning restore SYSLIB0039, CA5397
        _ => protocol.ToString(),
    };
}
