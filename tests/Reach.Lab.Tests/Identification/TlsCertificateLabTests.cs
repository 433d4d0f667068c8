using System.Globalization;
using System.Text.Json;
using Reach.Lab.Tests.Cli;
using Reach.Lab.Tests.Lab;
using Reach.Lab.Tests.Sockets;

namespace Reach.Lab.Tests.Identification;

/// <summary>
/// <c>reach check --tls</c> against <c>openssl s_server</c> serving each certificate case of a private PKI made
/// for the class, in a namespace of its own (<c>rl-PID-x</c>, where reach.test is 127.0.0.1). Every field reach
/// reports is compared with <c>openssl x509</c> of the served file and <c>openssl s_client</c> of the same server;
/// each verdict with the one openssl's verification reaches.
/// </summary>
public sealed class TlsCertificateLabTests(LabFixture lab, TestCertificates pki) : IClassFixture<TestCertificates>
{
    private const int Port = 8443;

    [Fact]
    public async Task ValidChain_WithTheRootAsCa_IsTrusted_AndEveryFieldIsOpenSsls()
    {
        await using var ns = await StartAsync();
        using var server = await OpenSslServer.StartAsync(lab.IpPath, ns.Name, Port, pki.Valid, pki.Intermediate);

        var (run, before, after) = await CheckAsync(ns, "--ca", pki.RootCa);
        var openssl = await OpenSslClient.ConnectAsync(ns, Port, TestCertificates.ServerName, trust: pki.RootCa);

        Assert.Equal(0, openssl.VerifyCode); // openssl trusts the same chain with the same anchor
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("open", run.Json.Text("status"));
        Assert.True(run.Json.Flag("reachable"));
        var tls = Tls(run);
        Assert.True(tls.Flag("trusted"));
        TlsAssert.Problems(tls);
        Assert.Equal(TestCertificates.ServerName, tls.Text("server_name"));
        Assert.Null(tls.Text("starttls"));
        Assert.Null(tls.Text("error"));
        Assert.False(tls.Flag("expires_soon"));
        TlsAssert.SameSession(openssl, tls);

        // The server sent the leaf and the intermediate: both described, leaf first.
        var chain = tls.Items("chain");
        Assert.Equal(2, chain.Count);
        var leaf = await OpenSslCertificate.ReadAsync(pki.Valid.Certificate);
        TlsAssert.SameCertificate(leaf, chain[0]);
        TlsAssert.SameCertificate(await OpenSslCertificate.ReadAsync(pki.Intermediate), chain[1]);
        TlsAssert.DaysLeft(leaf, tls, before, after);
    }

    [Fact]
    public async Task ValidChain_WithoutCa_IsUnknownIssuer_AndInsecureOnlyLooks()
    {
        await using var ns = await StartAsync();
        using var server = await OpenSslServer.StartAsync(lab.IpPath, ns.Name, Port, pki.Valid, pki.Intermediate);

        var (plain, _, _) = await CheckAsync(ns);
        var (insecure, _, _) = await CheckAsync(ns, "--insecure");
        var openssl = await OpenSslClient.ConnectAsync(ns, Port, TestCertificates.ServerName);

        Assert.Equal(UnableToGetLocalIssuer, openssl.VerifyCode); // the root is not in this host's store
        Assert.Equal(1, plain.ExitCode);
        Assert.Equal("tls-failed", plain.Json.Text("status"));
        Assert.False(plain.Json.Flag("reachable"));
        Assert.False(Tls(plain).Flag("trusted"));
        TlsAssert.Problems(Tls(plain), "unknown-issuer");
        Assert.Contains((await OpenSslCertificate.ReadAsync(pki.Intermediate)).Issuer, plain.Json.Text("explanation"), StringComparison.Ordinal);

        // --insecure shows the same problem but does not fail on it.
        Assert.Equal(0, insecure.ExitCode);
        Assert.Equal("open", insecure.Json.Text("status"));
        Assert.False(Tls(insecure).Flag("trusted"));
        TlsAssert.Problems(Tls(insecure), "unknown-issuer");
        TlsAssert.SameSession(openssl, Tls(insecure));
    }

    /// <summary>
    /// Each broken certificate fails the target with its own problem, the one openssl's verification names
    /// (<c>Verify return code</c>), and the handshake itself is reported as s_client saw it.
    /// </summary>
    [Theory]
    [InlineData("expired")]
    [InlineData("not-yet-valid")]
    [InlineData("name-mismatch")]
    [InlineData("self-signed")]
    [InlineData("incomplete-chain")]
    [InlineData("weak-key")]
    public async Task BrokenCertificate_FailsWithTheProblemOpenSslFinds(string problem)
    {
        var (leaf, sendIntermediate, options, verifyCodes) = problem switch
        {
            "expired" => (pki.Expired, true, Array.Empty<string>(), new[] { CertificateHasExpired }),
            "not-yet-valid" => (pki.NotYetValid, true, [], [CertificateNotYetValid]),
            "name-mismatch" => (pki.WrongName, true, [], [HostnameMismatch]),
            "self-signed" => (pki.SelfSigned, false, [], [DepthZeroSelfSigned]),
            "incomplete-chain" => (pki.Valid, false, [], [UnableToGetLocalIssuer, UnableToVerifyLeafSignature]),
            // This host's OpenSSL (security level 2) will not even load a 1024-bit key into a server: level 0 does.
            "weak-key" => (pki.Rsa1024, true, ["-cipher", "DEFAULT@SECLEVEL=0"], [EeKeyTooSmall]),
            _ => throw new ArgumentOutOfRangeException(nameof(problem)),
        };
        await using var ns = await StartAsync();
        using var server = await OpenSslServer.StartAsync(lab.IpPath, ns.Name, Port, leaf, pki.Intermediate, sendIntermediate, options);

        var (run, before, after) = await CheckAsync(ns, "--ca", pki.RootCa);
        var openssl = await OpenSslClient.ConnectAsync(ns, Port, TestCertificates.ServerName, trust: pki.RootCa);
        var expected = await OpenSslCertificate.ReadAsync(leaf.Certificate);

        Assert.Contains(openssl.VerifyCode, verifyCodes);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("tls-failed", run.Json.Text("status"));
        Assert.False(run.Json.Flag("reachable"));
        var tls = Tls(run);
        Assert.False(tls.Flag("trusted"));
        TlsAssert.Problems(tls, problem);
        TlsAssert.SameSession(openssl, tls); // the handshake completed: only the certificate is wrong
        var chain = tls.Items("chain");
        Assert.Equal(sendIntermediate ? 2 : 1, chain.Count);
        TlsAssert.SameCertificate(expected, chain[0]);
        TlsAssert.DaysLeft(expected, tls, before, after);

        // The explanation names what is wrong, in the certificate's own values.
        var why = problem switch
        {
            "expired" => expected.NotAfter.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "not-yet-valid" => expected.NotBefore.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
            "name-mismatch" => expected.Names[0],
            "self-signed" => "self-signed",
            "incomplete-chain" => expected.Issuer,
            _ => string.Create(CultureInfo.InvariantCulture, $"{expected.KeyBits}-bit"),
        };
        Assert.Contains(why, run.Json.Text("explanation"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SelfSigned_InsecurePasses_AndCaOfItselfTrustsIt()
    {
        await using var ns = await StartAsync();
        using var server = await OpenSslServer.StartAsync(lab.IpPath, ns.Name, Port, pki.SelfSigned, pki.Intermediate, sendIntermediate: false);

        var (insecure, _, _) = await CheckAsync(ns, "--insecure");
        var (anchored, _, _) = await CheckAsync(ns, "--ca", pki.SelfSigned.Certificate);
        var openssl = await OpenSslClient.ConnectAsync(ns, Port, TestCertificates.ServerName, trust: pki.SelfSigned.Certificate);

        Assert.Equal(0, insecure.ExitCode);
        Assert.Equal("open", insecure.Json.Text("status"));
        TlsAssert.Problems(Tls(insecure), "self-signed");
        Assert.False(Tls(insecure).Flag("trusted"));

        // As openssl, reach trusts a self-signed certificate given as the anchor (the explanation promises it).
        Assert.Equal(0, openssl.VerifyCode);
        Assert.Equal(0, anchored.ExitCode);
        Assert.True(Tls(anchored).Flag("trusted"));
        TlsAssert.Problems(Tls(anchored));
    }

    [Fact]
    public async Task ExpiringIn5Days_WarnsUnderTheDefault14_FailsUnderCertFail7()
    {
        await using var ns = await StartAsync();
        using var server = await OpenSslServer.StartAsync(lab.IpPath, ns.Name, Port, pki.ExpiresIn5Days, pki.Intermediate);
        var leaf = await OpenSslCertificate.ReadAsync(pki.ExpiresIn5Days.Certificate);
        var daysLeft = (int)Math.Floor((leaf.NotAfter - DateTimeOffset.UtcNow).TotalDays);
        Assert.InRange(daysLeft, 0, 6); // the certificate is what this test needs: under both thresholds

        var (warned, before, after) = await CheckAsync(ns, "--ca", pki.RootCa);
        var (failed, _, _) = await CheckAsync(ns, "--ca", pki.RootCa, "--cert-fail", "7");
        var (quiet, _, _) = await CheckAsync(ns, "--ca", pki.RootCa, "--cert-warn", daysLeft.ToString(CultureInfo.InvariantCulture));

        Assert.Equal(0, warned.ExitCode);
        Assert.Equal("open", warned.Json.Text("status"));
        Assert.True(Tls(warned).Flag("trusted"));
        Assert.True(Tls(warned).Flag("expires_soon"));
        TlsAssert.DaysLeft(leaf, Tls(warned), before, after);

        Assert.Equal(1, failed.ExitCode);
        Assert.Equal("tls-failed", failed.Json.Text("status"));
        Assert.True(Tls(failed).Flag("trusted")); // trusted, but too close to its end
        Assert.Contains("--cert-fail 7", failed.Json.Text("explanation"), StringComparison.Ordinal);

        // Not under the warning threshold when it equals the days left.
        Assert.Equal(0, quiet.ExitCode);
        Assert.False(Tls(quiet).Flag("expires_soon"));
    }

    [Fact]
    public async Task Tls12Server_ProtocolAndCipherAreWhatSClientNegotiates()
    {
        await using var ns = await StartAsync();
        using var server = await OpenSslServer.StartAsync(lab.IpPath, ns.Name, Port, pki.Valid, pki.Intermediate, true, "-tls1_2");

        var (run, _, _) = await CheckAsync(ns, "--ca", pki.RootCa);
        var openssl = await OpenSslClient.ConnectAsync(ns, Port, TestCertificates.ServerName, trust: pki.RootCa);

        Assert.Equal("TLSv1.2", openssl.Protocol);
        Assert.Equal(0, run.ExitCode);
        TlsAssert.SameSession(openssl, Tls(run));
    }

    // openssl's X509_V_ERR codes (x509_vfy.h), as s_client prints them in "Verify return code".
    private const int CertificateNotYetValid = 9;
    private const int CertificateHasExpired = 10;
    private const int DepthZeroSelfSigned = 18;
    private const int UnableToGetLocalIssuer = 20;
    private const int UnableToVerifyLeafSignature = 21;
    private const int HostnameMismatch = 62;
    private const int EeKeyTooSmall = 66;

    private async Task<SocketsNamespace> StartAsync()
    {
        lab.RequireLab();
        pki.Require();
        var ns = await SocketsNamespace.CreateAsync(lab.IpPath, suffix: "x");
        await ns.NameLoopbackAsync(TestCertificates.ServerName, TestCertificates.OtherName);
        return ns;
    }

    private static async Task<(ReachRun Run, DateTimeOffset Before, DateTimeOffset After)> CheckAsync(SocketsNamespace ns, params string[] options)
    {
        var before = DateTimeOffset.UtcNow;
        var run = await ns.ReachAsync(["check", TestCertificates.ServerName, Port.ToString(CultureInfo.InvariantCulture), "--no-ping", "--tls", "--json", .. options]);
        return (run, before, DateTimeOffset.UtcNow);
    }

    private static JsonElement Tls(ReachRun run) => run.Json.SingleResult().Prop("tls");
}
