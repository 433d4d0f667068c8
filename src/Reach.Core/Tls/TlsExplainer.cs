using System.Globalization;

namespace Reach.Tls;

/// <summary>One sentence per TLS problem, with what to do about it, as the TCP verdicts explain theirs.</summary>
public static class TlsExplainer
{
    /// <summary>Why the report fails, in one line (the problems joined), or null when it has none.</summary>
    public static string? Explain(TlsReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (!report.HandshakeCompleted)
        {
            return $"the port is open but no TLS handshake completed: {report.Error}";
        }

        return report.Problems.Count == 0 ? null : string.Join("; ", report.Problems.Select(p => Describe(p, report)));
    }

    public static string Describe(TlsProblem problem, TlsReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var leaf = report.Chain.Count > 0 ? report.Chain[0] : null;
        return problem switch
        {
            TlsProblem.HandshakeFailed => $"no TLS handshake completed: {report.Error}",
            TlsProblem.Expired => string.Create(CultureInfo.InvariantCulture,
                $"the certificate expired {-(report.DaysLeft ?? 0)} day(s) ago ({leaf?.NotAfter:yyyy-MM-dd}): renew it"),
            TlsProblem.NotYetValid => string.Create(CultureInfo.InvariantCulture,
                $"the certificate is not valid before {leaf?.NotBefore:yyyy-MM-dd HH:mm} UTC: is a clock wrong, here or where it was made?"),
            TlsProblem.NameMismatch =>
                $"the certificate does not name {report.ServerName} (it names {(leaf is { Names.Count: > 0 } ? string.Join(", ", leaf.Names.Take(5)) + (leaf.NameCount > 5 ? ", …" : string.Empty) : leaf?.Subject)})",
            TlsProblem.SelfSigned => "the certificate is self-signed: no client trusts it unless told to (--ca FILE trusts it, --insecure only looks)",
            TlsProblem.UnknownIssuer => $"the chain ends at {report.Chain[^1].Issuer}, which this host does not trust: a private CA? (--ca FILE)",
            TlsProblem.IncompleteChain => $"the server sent no certificate of the leaf's issuer ({leaf?.Issuer}): add the intermediate to the server's chain file",
            TlsProblem.WeakKey => string.Create(CultureInfo.InvariantCulture, $"the key is {leaf?.KeyType} {leaf?.KeyBits}-bit: too weak (RSA 2048 or ECDSA 256 at least)"),
            _ => "the chain does not verify (a signature, usage or constraint is wrong)",
        };
    }
}
