using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Reach.Lab.Tests.Cli;
using Reach.Lab.Tests.Identification;
using Reach.Lab.Tests.Lab;
using Reach.Lab.Tests.Sockets;

namespace Reach.Lab.Tests.Watch;

/// <summary>
/// <c>reach watch</c> with <c>http</c> checks against Debian's nginx serving HTTPS (leaf and intermediate of the test
/// PKI) in a namespace of this class's own (<c>rl-PID-wh</c>), where reach.test is 127.0.0.1. What the watch reports
/// in <c>/api/checks</c> and <c>/metrics</c> is compared with curl's status code, s_client's protocol, nginx's own
/// version and <c>openssl x509</c> of the served certificate.
/// </summary>
public sealed class WatchHttpNginxLabTests(LabFixture lab, TestCertificates pki) : IClassFixture<TestCertificates>
{
    private const int Port = 8443;

    /// <summary>nginx's answers: 200 "ok" on /healthz, its own 404 page elsewhere.</summary>
    private const string Site = """
        location = /healthz { default_type text/plain; return 200 "ok\n"; }
        location / { return 404; }
        """;

    private static readonly string Url = $"https://{TestCertificates.ServerName}:{Port}/healthz";

    /// <summary>
    /// The same nginx, checked twice: with the test root as <c>ca</c> it is UP with what curl and s_client see, the
    /// certificate's days left and the http metrics; without it a client would refuse the certificate, so it is
    /// DOWN untrusted (curl refuses it too).
    /// </summary>
    [Fact]
    public async Task HttpsCheck_TrustedWithTheCa_IsUpWithWhatCurlSees_WithoutTheCa_IsDownUntrusted()
    {
        await using var ns = await StartNamespaceAsync();
        using var nginx = await NginxServer.StartAsync(lab.IpPath, ns.Name, Port, workers: 1, (pki.Valid.Chain!, pki.Valid.Key), Site);
        using var watch = await NamespaceWatch.StartAsync(lab.IpPath, ns, $"""
            interval: 1s
            down_after: 1
            up_after: 1
            checks:
              - name: trusted
                type: http
                targets: ["{Url}"]
                ca: {pki.RootCa}
              - name: untrusted
                type: http
                targets: ["{TestCertificates.ServerName}:{Port}"]
                path: /healthz
            """);

        var before = DateTimeOffset.UtcNow;
        var trusted = await watch.WaitForTargetAsync($"trusted/{TestCertificates.ServerName}:{Port}", "up", "open (syn-ack)");
        var after = DateTimeOffset.UtcNow;
        var untrusted = await watch.WaitForTargetAsync($"untrusted/{TestCertificates.ServerName}:{Port}", "down", "untrusted (syn-ack)");
        var metrics = MetricSamples.Parse(await watch.GetAsync("/metrics"));
        var curl = await CurlAsync(ns, Url, "--cacert", pki.RootCa);
        var curlWithoutCa = await CurlAsync(ns, Url);
        var openssl = await OpenSslClient.ConnectAsync(ns, Port, TestCertificates.ServerName, trust: pki.RootCa);
        var served = await OpenSslCertificate.ReadAsync(pki.Valid.Certificate);
        var server = await NginxVersionAsync(ns);

        // The answer: curl's status code, s_client's protocol, nginx's Server header.
        Assert.True(curl.ExitCode == 0, curl.Describe());
        var http = trusted.Prop("http");
        Assert.Equal(int.Parse(curl.StdOut, CultureInfo.InvariantCulture), http.WholeNumber("status_code"));
        Assert.Equal(200, http.WholeNumber("status_code"));
        Assert.Equal(Url, http.Text("url"));
        Assert.Equal("HTTP/1.1", http.Text("version"));
        Assert.Equal(server, http.Text("server"));
        Assert.Equal($"HTTP/1.1 200 over {openssl.Protocol}, {server}", trusted.Text("answered"));
        Assert.StartsWith("HTTP/1.1 200 over TLS", trusted.Text("answered"), StringComparison.Ordinal);
        Assert.Null(trusted.Text("last_error"));

        // The phases of the exchange: a connect, a handshake and a first byte, none longer than the whole.
        var phases = http.Prop("phases_ms");
        var total = phases.Number("total");
        foreach (var phase in (string[])["connect", "tls", "first_byte"])
        {
            Assert.InRange(phases.Number(phase), 0, total);
        }

        Assert.True(phases.Number("tls") > 0, phases.GetRawText());

        // The certificate of the same answer, as openssl x509 reads the served file.
        var tls = trusted.Prop("tls");
        Assert.Equal(openssl.Protocol, tls.Text("protocol"));
        Assert.Equal(served.NotAfter, tls.GetProperty("not_after").GetDateTimeOffset());
        Assert.InRange(tls.WholeNumber("days_left"), DaysLeft(served.NotAfter, after), DaysLeft(served.NotAfter, before));
        Assert.Equal(served.Sha256, tls.Text("sha256"));

        // Metrics: the status code, each phase, and the certificate's end.
        (string, string) check = ("check", "trusted");
        Assert.Equal(200, metrics.Single("reach_http_status_code", check).Value);
        foreach (var phase in (string[])["connect", "tls", "processing", "transfer"])
        {
            Assert.InRange(metrics.Single("reach_http_duration_seconds", check, ("phase", phase)).Value, 0, 1);
        }

        Assert.Equal(served.NotAfter.ToUnixTimeSeconds(), metrics.Single("reach_tls_cert_not_after_timestamp_seconds", check).Value);

        // Without the CA: curl refuses the certificate (60: it cannot verify it), and so does the watch.
        Assert.Equal(60, curlWithoutCa.ExitCode);
        Assert.StartsWith("untrusted (syn-ack): unknown-issuer", untrusted.Text("last_error"), StringComparison.Ordinal);
        Assert.Contains(served.Subject, untrusted.Text("last_error"), StringComparison.Ordinal);
        Assert.Equal(200, untrusted.Prop("http").WholeNumber("status_code")); // the page came; its certificate is the failure
    }

    /// <summary>
    /// nginx's own 404 is a bad status (curl reads the same 404), a page without the body the check wants is a body
    /// mismatch quoting the page, and a body the page holds passes (the control).
    /// </summary>
    [Fact]
    public async Task HttpCheck_NotFoundIsBadStatus_MissingBodyIsBodyMismatch_PresentBodyIsUp()
    {
        await using var ns = await StartNamespaceAsync();
        using var nginx = await NginxServer.StartAsync(lab.IpPath, ns.Name, Port, workers: 1, (pki.Valid.Chain!, pki.Valid.Key), Site);
        var target = $"{TestCertificates.ServerName}:{Port}";
        using var watch = await NamespaceWatch.StartAsync(lab.IpPath, ns, $"""
            interval: 1s
            down_after: 1
            up_after: 1
            checks:
              - name: missing
                type: http
                targets: ["{target}"]
                path: /missing
                ca: {pki.RootCa}
              - name: wrong-body
                type: http
                targets: ["{target}"]
                path: /healthz
                body: healthy
                ca: {pki.RootCa}
              - name: right-body
                type: http
                targets: ["{target}"]
                path: /healthz
                body_regex: '^ok$'
                ca: {pki.RootCa}
            """);

        var missing = await watch.WaitForTargetAsync($"missing/{target}", "down", "bad-status (syn-ack)");
        var wrongBody = await watch.WaitForTargetAsync($"wrong-body/{target}", "down", "body-mismatch (syn-ack)");
        var rightBody = await watch.WaitForTargetAsync($"right-body/{target}", "up", "open (syn-ack)");
        var curl = await CurlAsync(ns, $"https://{target}/missing", "--cacert", pki.RootCa);

        Assert.True(curl.ExitCode == 0, curl.Describe());
        Assert.Equal("404", curl.StdOut);
        Assert.Equal(404, missing.Prop("http").WholeNumber("status_code"));
        Assert.Equal("bad-status (syn-ack): status 404 Not Found, expected 200-399", missing.Text("last_error"));
        Assert.StartsWith("HTTP/1.1 404 over TLS", missing.Text("answered"), StringComparison.Ordinal);

        Assert.Equal("body-mismatch (syn-ack): the body (3 bytes) holds no \"healthy\"; it starts: ok", wrongBody.Text("last_error"));
        Assert.Equal(200, wrongBody.Prop("http").WholeNumber("status_code"));
        Assert.Equal(200, rightBody.Prop("http").WholeNumber("status_code"));
    }

    private async Task<SocketsNamespace> StartNamespaceAsync()
    {
        if (NginxServer.Binary is null)
        {
            Assert.Skip("Needs Debian's nginx: apt-get install -y nginx (test.sh does as root).");
        }

        return await TlsServerCheck.CreateNamespaceAsync(lab, pki, "wh");
    }

    /// <summary>curl's status code for <paramref name="url"/>, asked in the namespace (reach.test is its 127.0.0.1).</summary>
    private static async Task<CommandResult> CurlAsync(SocketsNamespace ns, string url, params string[] options)
    {
        if (LabTools.Find("curl") is null)
        {
            Assert.Skip("Needs curl, the reference client: apt-get install -y curl (test.sh does as root).");
        }

        var result = await ns.RunAsync(["curl", "-s", "--noproxy", "*", "--max-time", "10", "-o", "/dev/null", "-w", "%{http_code}", .. options, url]);
        TestContext.Current.TestOutputHelper?.WriteLine(result.Describe(20));
        return result;
    }

    /// <summary>What nginx sends as its Server header: nginx/VERSION, as <c>nginx -v</c> prints it.</summary>
    private static async Task<string> NginxVersionAsync(SocketsNamespace ns)
    {
        var version = await ns.RunAsync([NginxServer.Binary!, "-v"]);
        var match = Regex.Match(version.StdErr, @"nginx/\S+");
        Assert.True(match.Success, version.Describe());
        return match.Value;
    }

    /// <summary>Whole days left at <paramref name="now"/>, as reach counts them.</summary>
    private static int DaysLeft(DateTimeOffset notAfter, DateTimeOffset now) => (int)Math.Floor((notAfter - now).TotalDays);
}
