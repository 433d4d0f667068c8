using System.Globalization;
using System.Text.Json;
using Reach.Lab.Tests.Cli;
using Reach.Lab.Tests.Identification;
using Reach.Lab.Tests.Lab;
using Reach.Lab.Tests.Sockets;

namespace Reach.Lab.Tests.Scan;

/// <summary>
/// <c>reach scan --service --tls</c> with <c>--ca</c> and <c>--insecure</c>, against <c>openssl s_server</c> serving a
/// leaf of this class's private PKI (leaf and intermediate sent) in a namespace of its own (<c>rl-PID-st</c>, where
/// reach.test is 127.0.0.1): the chain is unknown here without <c>--ca</c>, trusted with its root as <c>--ca</c>, as
/// openssl's own verification finds.
/// </summary>
public sealed class ScanServiceTrustLabTests(LabFixture lab, TestCertificates pki) : IClassFixture<TestCertificates>
{
    private const int Port = 8443;

    [Fact]
    public async Task APrivateCasCertificate_IsUntrustedWithoutCa_TrustedWithIt_AndInsecureOnlyUnmarksIt()
    {
        lab.RequireLab();
        pki.Require();
        await using var ns = await SocketsNamespace.CreateAsync(lab.IpPath, suffix: "st");
        await ns.NameLoopbackAsync(TestCertificates.ServerName);
        using var server = await OpenSslServer.StartAsync(lab.IpPath, ns.Name, Port, pki.Valid, pki.Intermediate);

        var plain = await ScanAsync(ns, "--format", "json");
        var anchored = await ScanAsync(ns, "--ca", pki.RootCa, "--format", "json");
        var anchoredTable = await ScanAsync(ns, "--ca", pki.RootCa);
        var insecureTable = await ScanAsync(ns, "--insecure");
        var openssl = await OpenSslClient.ConnectAsync(ns, Port, TestCertificates.ServerName, trust: pki.RootCa);

        // Without --ca: the handshake is made, the chain ends at a root this host does not know
        Assert.Equal(0, plain.ExitCode); // reported, not failed
        var unknown = Tls(plain);
        Assert.Contains($"CN={TestCertificates.ServerName}", unknown.Text("subject"), StringComparison.Ordinal);
        Assert.False(unknown.Flag("trusted"));
        TlsAssert.Problems(unknown, "unknown-issuer");

        // With the root as --ca: trusted, as openssl trusts it with the same anchor
        Assert.Equal(0, openssl.VerifyCode);
        Assert.Equal(0, anchored.ExitCode);
        var trusted = Tls(anchored);
        Assert.True(trusted.Flag("trusted"));
        TlsAssert.Problems(trusted);
        Assert.Matches(@"TLS TLSv1\.[23]  CN=reach\.test, O=Reach Lab  until \d{4}-\d\d-\d\d \(\d+ days left\)  trusted", anchoredTable.StdOut);

        // --insecure: the problem is still named, said to be allowed
        Assert.Equal(0, insecureTable.ExitCode);
        Assert.Contains("not trusted (unknown-issuer), allowed by --insecure", insecureTable.StdOut, StringComparison.Ordinal);
    }

    private static Task<ReachRun> ScanAsync(SocketsNamespace ns, params string[] options) =>
        ns.ReachAsync(["scan", TestCertificates.ServerName, "-p", Port.ToString(CultureInfo.InvariantCulture), "--service", "--tls", .. options]);

    private static JsonElement Tls(ReachRun run) =>
        Assert.Single(run.Json.Items("ports")).Prop("detected").Prop("tls");
}
