using System.Globalization;
using System.Text.Json;
using Reach.Lab.Tests.Cli;
using Reach.Lab.Tests.Lab;
using Reach.Lab.Tests.Sockets;

namespace Reach.Lab.Tests.Identification;

/// <summary>Runs reach and s_client against one server in a test's namespace, and compares what both saw.</summary>
internal static class TlsServerCheck
{
    /// <summary>A namespace with the certificates' names on its loopback (after the lab and the PKI are checked).</summary>
    public static async Task<SocketsNamespace> CreateNamespaceAsync(LabFixture lab, TestCertificates pki, string suffix)
    {
        lab.RequireLab();
        pki.Require();
        var ns = await SocketsNamespace.CreateAsync(lab.IpPath, suffix);
        await ns.NameLoopbackAsync(TestCertificates.ServerName);
        return ns;
    }

    /// <summary><c>reach check reach.test PORT --no-ping --tls --json OPTIONS</c>.</summary>
    public static Task<ReachRun> ReachAsync(SocketsNamespace ns, int port, params string[] options) =>
        ns.ReachAsync(["check", TestCertificates.ServerName, port.ToString(CultureInfo.InvariantCulture), "--no-ping", "--tls", "--json", .. options]);

    /// <summary>
    /// The server presented <paramref name="leaf"/> and the intermediate, reach trusts them with the root as <c>--ca</c>
    /// (as s_client does), and reach's protocol and cipher are s_client's.
    /// </summary>
    public static async Task AssertTrustedAsync(TestCertificates pki, string leaf, ReachRun run, OpenSslClient openssl, string? starttls)
    {
        Assert.Equal(0, openssl.VerifyCode);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("open", run.Json.Text("status"));
        var tls = Tls(run);
        Assert.True(tls.Flag("trusted"));
        Assert.Empty(tls.Items("problems"));
        Assert.Equal(starttls, tls.Text("starttls"));
        TlsAssert.SameSession(openssl, tls);
        var chain = tls.Items("chain");
        Assert.Equal(2, chain.Count);
        TlsAssert.SameCertificate(await OpenSslCertificate.ReadAsync(leaf), chain[0]);
        TlsAssert.SameCertificate(await OpenSslCertificate.ReadAsync(pki.Intermediate), chain[1]);
    }

    public static JsonElement Tls(ReachRun run) => run.Json.SingleResult().Prop("tls");
}
