using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Reach.Cli.Commands;
using Reach.Cli.Infrastructure;

namespace Reach.Cli.Tests.Commands;

/// <summary>What <c>scan --service</c>'s options bind to: the trust <c>--ca</c> adds, <c>--insecure</c>, the cap per host.</summary>
public class ScanRequestBinderServiceTests
{
    private static ScanRequestBinder.Raw Raw(bool polite = false, bool tls = false, string? ca = null, bool insecure = false, int? perHost = null) =>
        new(["127.0.0.1"], "443", false, null, [], null, null, null, null, null, null, null, null, polite, 1, null,
            Service: true, Tls: tls, ServicePerHost: perHost, Ca: ca, Insecure: insecure);

    [Fact]
    public void Ca_AddsTheFilesCertificates_ToTheHandshakesTrust()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var root = new CertificateRequest("CN=Reach Binder Test CA", key, HashAlgorithmName.SHA256).CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var pem = Path.GetTempFileName();
        try
        {
            File.WriteAllText(pem, root.ExportCertificatePem());

            var service = ScanRequestBinder.Bind(Raw(tls: true, ca: pem), TestContext.Current.CancellationToken).Service!;

            var trust = Assert.Single(service.Options.Tls!.ExtraTrust);
            Assert.Equal(root.Thumbprint, trust.Thumbprint);
            Assert.False(service.InsecureTls);
        }
        finally
        {
            File.Delete(pem);
        }
    }

    [Fact]
    public void WithoutCa_NothingIsAddedToTheSystemsTrust_AndInsecureIsCarried()
    {
        var plain = ScanRequestBinder.Bind(Raw(tls: true), TestContext.Current.CancellationToken).Service!;
        var insecure = ScanRequestBinder.Bind(Raw(tls: true, insecure: true), TestContext.Current.CancellationToken).Service!;

        Assert.Empty(plain.Options.Tls!.ExtraTrust);
        Assert.False(plain.InsecureTls);
        Assert.True(insecure.InsecureTls);
    }

    [Fact]
    public void ACaFileWithoutACertificate_IsAUsageErrorNamingIt()
    {
        var pem = Path.GetTempFileName();
        try
        {
            var error = Assert.Throws<UsageException>(() => ScanRequestBinder.Bind(Raw(tls: true, ca: pem), TestContext.Current.CancellationToken));

            Assert.StartsWith("--ca: ", error.Message, StringComparison.Ordinal);
            Assert.Contains(Path.GetFileName(pem), error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(pem);
        }
    }

    [Theory]
    [InlineData(false, null, 8)]
    [InlineData(true, null, 2)] // --polite: 2 per host, as the sweep
    [InlineData(false, 1, 1)]
    [InlineData(true, 128, 128)]
    public void PerHost_DefaultsTo8_PoliteTo2_OrWhatIsGiven(bool polite, int? given, int expected)
    {
        Assert.Equal(expected, ScanRequestBinder.Bind(Raw(polite: polite, perHost: given), TestContext.Current.CancellationToken).Service!.PerHost);
    }
}
