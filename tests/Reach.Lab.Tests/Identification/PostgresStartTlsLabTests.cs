using System.Globalization;
using System.Text.RegularExpressions;
using Reach.Lab.Tests.Cli;
using Reach.Lab.Tests.Lab;
using Reach.Lab.Tests.Sockets;

namespace Reach.Lab.Tests.Identification;

/// <summary>
/// <c>reach check --starttls postgres</c> against Debian's real PostgreSQL server (<c>ssl = on</c>, a certificate
/// openssl issued from a CA made for the test) in a namespace of this class's own (<c>rl-PID-pg</c>), compared with
/// <c>openssl x509</c> of the certificate file and <c>openssl s_client -starttls postgres</c> on the same port; and
/// with <c>ssl = off</c>.
/// </summary>
public sealed partial class PostgresStartTlsLabTests(LabFixture lab)
{
    // The namespace has its own loopback: PostgreSQL's own port is free there, and reach picks the upgrade by it.
    private const int Port = 5432;

    [Fact]
    public async Task RealPostgres_SslOn_ReachSeesTheCertificateOpensslSees()
    {
        RequirePostgres();
        await using var ns = await SocketsNamespace.CreateAsync(lab.IpPath, suffix: "pg");
        await using var server = await PostgresServer.StartAsync(lab.IpPath, ns.Name, Port, tls: true);
        var port = Port.ToString(CultureInfo.InvariantCulture);

        var insecure = await ns.ReachAsync("check", "127.0.0.1", port, "--no-ping", "--starttls", "postgres", "--insecure", "--json");
        var trusted = await ns.ReachAsync("check", "127.0.0.1", port, "--no-ping", "--tls", "--ca", server.CaFile, "--json");
        var text = await ns.ReachAsync("check", "127.0.0.1", port, "--no-ping", "--tls", "--ca", server.CaFile);
        var fingerprint = await ns.RunAsync(["openssl", "x509", "-in", server.CertificateFile, "-noout", "-fingerprint", "-sha256"]);
        var subject = await ns.RunAsync(["openssl", "x509", "-in", server.CertificateFile, "-noout", "-subject", "-nameopt", "RFC2253"]);
        var served = await ns.RunAsync(["sh", "-c", $"openssl s_client -starttls postgres -connect 127.0.0.1:{port} </dev/null 2>/dev/null | openssl x509 -noout -fingerprint -sha256"]);
        var session = await ns.RunAsync(["openssl", "s_client", "-starttls", "postgres", "-connect", $"127.0.0.1:{port}", "-brief"]);

        // --insecure: the server sends its certificate alone, whose issuer (the private CA) this host lacks; that is
        // shown and not held against the target.
        Assert.Equal(0, insecure.ExitCode);
        var tls = insecure.Json.SingleResult().Prop("tls");
        Assert.Equal("postgres", tls.Text("starttls"));
        Assert.False(tls.Flag("trusted"));
        Assert.Equal(["incomplete-chain"], tls.Items("problems").Select(p => p.GetString()));
        var leaf = tls.Items("chain")[0];

        // The certificate reach reports is the file's and the one openssl s_client is served.
        Assert.True(fingerprint.ExitCode == 0 && served.ExitCode == 0, fingerprint.Describe() + served.Describe());
        Assert.Equal(Fingerprint(fingerprint.StdOut), leaf.Text("sha256"));
        Assert.Equal(Fingerprint(fingerprint.StdOut), Fingerprint(served.StdOut));
        Assert.Equal(subject.StdOut.Trim().Replace("subject=", string.Empty, StringComparison.Ordinal), leaf.Text("subject"));
        Assert.Contains(PostgresServer.Name, leaf.Items("names").Select(n => n.GetString()));

        // The protocol (and, on TLS 1.3, the cipher) is what openssl negotiates with the same server.
        var negotiated = OpensslProtocol().Match(session.StdOut + session.StdErr);
        Assert.True(negotiated.Success, session.Describe());
        Assert.Equal(negotiated.Groups["protocol"].Value, tls.Text("protocol"));
        if (tls.Text("protocol") == "TLSv1.3")
        {
            Assert.Equal(OpensslCipher().Match(session.StdOut + session.StdErr).Groups["cipher"].Value, tls.Text("cipher_suite"));
        }

        // --ca: on port 5432 reach chose the SSLRequest by itself, and the chain is trusted.
        Assert.Equal(0, trusted.ExitCode);
        var verified = trusted.Json.SingleResult().Prop("tls");
        Assert.Equal("postgres", verified.Text("starttls"));
        Assert.True(verified.Flag("trusted"), verified.GetRawText());
        Assert.Empty(verified.Items("problems"));
        Assert.Equal(0, text.ExitCode);
        Assert.Contains("STARTTLS postgres", text.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RealPostgres_SslOff_SaysSo()
    {
        RequirePostgres();
        await using var ns = await SocketsNamespace.CreateAsync(lab.IpPath, suffix: "pg");
        await using var server = await PostgresServer.StartAsync(lab.IpPath, ns.Name, Port, tls: false);

        var run = await ns.ReachAsync("check", "127.0.0.1", Port.ToString(CultureInfo.InvariantCulture), "--no-ping", "--tls", "--json");

        Assert.Equal(1, run.ExitCode);
        var result = run.Json.SingleResult();
        Assert.Equal("STARTTLS (postgres): the PostgreSQL server does not accept SSL (ssl = off)", result.Prop("tls").Text("error"));
    }

    private void RequirePostgres()
    {
        lab.RequireLab();
        if (!PostgresServer.Available || LabTools.Find("openssl") is null)
        {
            Assert.Skip("Needs Debian's postgresql and openssl: apt-get install -y postgresql openssl (test.sh does as root).");
        }
    }

    /// <summary><c>sha256 Fingerprint=AB:CD:…</c> → <c>AB:CD:…</c>, as reach prints it.</summary>
    private static string Fingerprint(string openssl) => openssl.Trim().Split('=', 2)[1];

    [GeneratedRegex(@"Protocol version: (?<protocol>TLSv[\d.]+)")]
    private static partial Regex OpensslProtocol();

    [GeneratedRegex(@"Ciphersuite: (?<cipher>\S+)")]
    private static partial Regex OpensslCipher();
}
