using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Reach.Tls;

namespace Reach.Core.Tests.Tls;

/// <summary>SAN entries in the certificate's order, as openssl lists them (the lab compares with openssl x509).</summary>
public class SubjectAltNamesTests
{
    [Fact]
    public void NamesAndAddresses_KeepTheCertificatesOrder_OtherKindsSkipped()
    {
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("reach.test");
        san.AddIpAddress(IPAddress.Loopback);
        san.AddEmailAddress("ops@reach.test");
        san.AddDnsName("www.reach.test");
        san.AddUri(new Uri("https://reach.test/"));
        san.AddIpAddress(IPAddress.Parse("fd00:5eac::1"));
        using var certificate = SelfSigned(san.Build());

        Assert.Equal(["reach.test", "127.0.0.1", "www.reach.test", "fd00:5eac::1"], SubjectAltNames.Read(certificate));
    }

    [Fact]
    public void NoExtension_NoNames()
    {
        using var certificate = SelfSigned(extension: null);

        Assert.Empty(SubjectAltNames.Read(certificate));
    }

    [Fact]
    public void MalformedExtension_YieldsWhatCameBeforeTheFault_DoesNotThrow()
    {
        // SEQUENCE { [2] "reach.test", [7] claiming 3 bytes of the 2 left }
        byte[] raw = [0x30, 0x10, 0x82, 0x0A, .. Encoding.ASCII.GetBytes("reach.test"), 0x87, 0x03, 0x01, 0x02];
        using var certificate = SelfSigned(new X509Extension("2.5.29.17", raw, critical: false));

        Assert.Equal(["reach.test"], SubjectAltNames.Read(certificate));
    }

    private static X509Certificate2 SelfSigned(X509Extension? extension)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=reach.test", key, HashAlgorithmName.SHA256);
        if (extension is not null)
        {
            request.CertificateExtensions.Add(extension);
        }

        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    }
}
