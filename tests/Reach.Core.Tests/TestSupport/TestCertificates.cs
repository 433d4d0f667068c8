using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Reach.Core.Tests.TestSupport;

/// <summary>Certificates made by the tests (a root, an intermediate, leaves good and bad), never from the system.</summary>
internal static class TestCertificates
{
    public const string Name = "reach.test";

    public static readonly Lazy<X509Certificate2> Root = new(() => Authority("CN=Reach Test Root", issuer: null));

    public static readonly Lazy<X509Certificate2> Intermediate = new(() => Authority("CN=Reach Test Intermediate", Root.Value));

    /// <summary>A leaf for <see cref="Name"/> and 127.0.0.1, issued by the intermediate, valid from yesterday for <paramref name="days"/> days.</summary>
    public static X509Certificate2 Leaf(int days = 90, int rsaBits = 2048, string[]? names = null, DateTimeOffset? notBefore = null, X509Certificate2? issuer = null)
    {
        using var key = RSA.Create(rsaBits);
        var request = new CertificateRequest($"CN={(names ?? [Name])[0]}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        foreach (var name in names ?? [Name])
        {
            san.AddDnsName(name);
        }

        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var from = notBefore ?? DateTimeOffset.UtcNow.AddDays(-1);
        var signer = issuer ?? Intermediate.Value;
        var serial = RandomNumberGenerator.GetBytes(12);
        using var issued = request.Create(signer, from, from.AddDays(days + 1), serial);
        return issued.CopyWithPrivateKey(key);
    }

    /// <summary>A leaf for <see cref="Name"/> and 127.0.0.1 that signed itself.</summary>
    public static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={Name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(Name);
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(90));
    }

    private static X509Certificate2 Authority(string subject, X509Certificate2? issuer)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var from = DateTimeOffset.UtcNow.AddDays(-400);
        if (issuer is null)
        {
            return request.CreateSelfSigned(from, from.AddYears(10));
        }

        using var issued = request.Create(issuer, from, from.AddYears(5), RandomNumberGenerator.GetBytes(12));
        return issued.CopyWithPrivateKey(key);
    }
}
