using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Reach.Lab.Tests.Cli;

namespace Reach.Lab.Tests.Identification;

/// <summary>Compares reach's <c>tls</c> JSON with what openssl says of the same certificate file and server.</summary>
public static class TlsAssert
{
    /// <summary>One entry of reach's <c>chain</c> against <c>openssl x509</c> of the file the server was given.</summary>
    public static void SameCertificate(OpenSslCertificate expected, JsonElement actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        Assert.Equal(expected.Sha256, actual.Text("sha256"));
        Assert.Equal(expected.Subject, actual.Text("subject"));
        Assert.Equal(expected.Issuer, actual.Text("issuer"));
        Assert.Equal(expected.Names, actual.Items("names").Select(n => n.GetString()));
        Assert.Equal(expected.Names.Count, actual.WholeNumber("name_count"));
        Assert.Equal(Iso(expected.NotBefore), actual.Text("not_before"));
        Assert.Equal(Iso(expected.NotAfter), actual.Text("not_after"));
        Assert.Equal(expected.ReachKeyType, actual.Text("key_type"));
        Assert.Equal(expected.KeyBits, actual.WholeNumber("key_bits"));

        // reach names the algorithm as Windows does (sha256RSA), openssl as OpenSSL does (sha256WithRSAEncryption): the same OID.
        var signature = actual.Text("signature_algorithm")!;
        Assert.True(
            Oid.FromFriendlyName(signature, OidGroup.SignatureAlgorithm).Value == expected.SignatureAlgorithmOid,
            $"reach's signature algorithm {signature} is not openssl's {expected.SignatureAlgorithm} ({expected.SignatureAlgorithmOid})");
    }

    /// <summary>reach's protocol and cipher suite against s_client's handshake with the same server.</summary>
    public static void SameSession(OpenSslClient expected, JsonElement tls)
    {
        ArgumentNullException.ThrowIfNull(expected);
        Assert.Equal(expected.Protocol, tls.Text("protocol"));
        Assert.Equal(expected.Cipher, tls.Text("cipher_suite"));
    }

    /// <summary>
    /// <c>days_left</c> is the whole days from the check to the leaf's notAfter (rounded down): between what it is
    /// after the run and what it was before it.
    /// </summary>
    public static void DaysLeft(OpenSslCertificate leaf, JsonElement tls, DateTimeOffset before, DateTimeOffset after)
    {
        ArgumentNullException.ThrowIfNull(leaf);
        var days = tls.WholeNumber("days_left");
        var least = (int)Math.Floor((leaf.NotAfter - after).TotalDays);
        var most = (int)Math.Floor((leaf.NotAfter - before).TotalDays);
        Assert.True(days >= least && days <= most, $"days_left {days}, expected {least}..{most} (notAfter {Iso(leaf.NotAfter)})");
    }

    /// <summary>The problems, as a set of reach's words.</summary>
    public static void Problems(JsonElement tls, params string[] expected) =>
        Assert.Equal(expected.Order(StringComparer.Ordinal), tls.Items("problems").Select(p => p.GetString()!).Order(StringComparer.Ordinal));

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
