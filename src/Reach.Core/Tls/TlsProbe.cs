using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Reach.Probes;

namespace Reach.Tls;

/// <summary>
/// A TLS handshake with a service, as <c>openssl s_client -connect HOST:PORT -servername NAME</c> does, and the
/// verdict on its certificate: .NET's SslStream does the TLS (no TLS of our own), X509Chain the verification. Every
/// certificate is accepted during the handshake so that an untrusted one is still reported, then judged.
/// </summary>
public static class TlsProbe
{
    /// <summary>The most SAN entries listed per certificate (a certificate may carry thousands).</summary>
    public const int MaxNamesShown = 50;

    /// <summary>The most certificates of the chain described (a server may send any number).</summary>
    public const int MaxChainShown = 10;

    private const string Ed25519Oid = "1.3.101.112";

    public static async Task<TlsReport> ProbeAsync(IPEndPoint remote, string serverName, TlsProbeOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(remote);
        ArgumentException.ThrowIfNullOrEmpty(serverName);
        ArgumentNullException.ThrowIfNull(options);
        var started = Stopwatch.GetTimestamp();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.Timeout);

        X509Certificate2? leaf = null;
        var presented = new X509Certificate2Collection();
        var policyErrors = SslPolicyErrors.None;
        using var socket = new Socket(remote.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        var sslOptions = new SslClientAuthenticationOptions
        {
            TargetHost = serverName,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            ApplicationProtocols = options.ApplicationProtocols.Count == 0 ? null : [.. options.ApplicationProtocols.Select(p => new SslApplicationProtocol(p))],
#pragma warning disable CA5359 // Every certificate is accepted to be reported; Judge() below is the verdict, and nothing is sent over this connection.
            RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
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

                return true; // judged below, so that an untrusted certificate is still shown
            },
#pragma warning restore CA5359
        };

        SslStream? ssl = null;
        var upgrading = false;
        try
        {
            await socket.ConnectAsync(remote, deadline.Token).ConfigureAwait(false);
            var network = new NetworkStream(socket, ownsSocket: false);
            ssl = new SslStream(network, leaveInnerStreamOpen: false);
            if (options.StartTls is { } upgrade)
            {
                upgrading = true;
                await StartTls.NegotiateAsync(network, upgrade, serverName, remote.Port, deadline.Token).ConfigureAwait(false);
                upgrading = false;
            }

            await ssl.AuthenticateAsClientAsync(sslOptions, deadline.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is AuthenticationException or IOException or SocketException or StartTlsException
            || ex is OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            if (ssl is not null)
            {
                await ssl.DisposeAsync().ConfigureAwait(false);
            }

            var why = ex switch
            {
                OperationCanceledException when upgrading => $"STARTTLS ({options.StartTls?.ToWord()}): no complete answer from the server within {Time.DurationParser.Format(options.Timeout)}",
                OperationCanceledException => $"no TLS handshake within {Time.DurationParser.Format(options.Timeout)} (the service may not speak TLS on this port{(options.StartTls is null ? "; does it need --starttls?" : string.Empty)})",
                StartTlsException => $"STARTTLS ({options.StartTls?.ToWord()}): {ex.Message}",
                _ => TlsHandshakeErrors.Describe(ex),
            };
            return new TlsReport(serverName, null, null, null, Describe(leaf, presented), [TlsProblem.HandshakeFailed], null, Text.Printable.OneLine(why, 300), Stopwatch.GetElapsedTime(started), options.StartTls);
        }

        await using var sslScope = ssl.ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var now = options.Time.GetUtcNow();
        var problems = leaf is null ? [TlsProblem.ChainError] : Judge(leaf, presented, policyErrors, options, now);
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
            options.StartTls);
    }

    private static List<TlsProblem> Judge(X509Certificate2 leaf, X509Certificate2Collection presented, SslPolicyErrors errors, TlsProbeOptions options, DateTimeOffset now)
    {
        var problems = new List<TlsProblem>();
        using var chain = new X509Chain();
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = now.UtcDateTime;
        chain.ChainPolicy.ExtraStore.AddRange(presented);
        if (options.ExtraTrust.Count > 0)
        {
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(SystemRoots.Value);
            chain.ChainPolicy.CustomTrustStore.AddRange(options.ExtraTrust);
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
        while (rest.Count > 0 && ordered.Count < MaxChainShown)
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
        var names = all.Take(MaxNamesShown).Select(name => Text.Printable.OneLine(name, 256)).ToList();
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
