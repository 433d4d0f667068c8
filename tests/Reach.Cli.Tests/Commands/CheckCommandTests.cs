using System.Text.Json.Nodes;
using System.Globalization;
using System.Text.Json;

namespace Reach.Cli.Tests.Commands;

public class CheckCommandTests
{
    [Fact]
    public async Task Tls_SelfSigned_IsTlsFailed_Exit1_SayingWhy_InsecureShowsItAndPasses()
    {
        using var listener = CliRunner.ListenTls(days: 60);
        var port = CliRunner.PortOf(listener).ToString(CultureInfo.InvariantCulture);

        var (failed, failedOut, failedError) = await CliRunner.RunAsync("check", "127.0.0.1", port, "--no-ping", "--tls");
        var (insecure, insecureOut, _) = await CliRunner.RunAsync("check", "127.0.0.1", port, "--no-ping", "--tls", "--insecure");
        var (_, json, _) = await CliRunner.RunAsync("check", "127.0.0.1", port, "--no-ping", "--tls", "--insecure", "--cert-warn", "90", "--json");

        Assert.Equal(1, failed);
        Assert.Empty(failedError);
        Assert.Contains("NOT REACHABLE (tls-failed)", failedOut, StringComparison.Ordinal);
        Assert.Contains("the certificate is self-signed", failedOut, StringComparison.Ordinal);
        Assert.Equal(0, insecure);
        Assert.Matches(@"TLS\s+TLSv1\.[23]  TLS_\S+  in .+  not trusted \(self-signed\)", insecureOut);
        Assert.Contains("Cert      CN=reach-cli-test", insecureOut, StringComparison.Ordinal);
        var tls = JsonNode.Parse(json)!["results"]![0]!["tls"]!;
        Assert.Equal("127.0.0.1", (string?)tls["server_name"]);
        Assert.Equal(60, (int)tls["days_left"]!);
        Assert.True((bool)tls["expires_soon"]!);
        Assert.Equal("self-signed", (string?)tls["problems"]![0]);
        Assert.Equal(["127.0.0.1"], tls["chain"]![0]!["names"]!.AsArray().Select(n => (string?)n));
    }

    [Fact]
    public async Task Tls_CertFailAboveTheDaysLeft_IsTlsFailed_EvenInsecure()
    {
        using var listener = CliRunner.ListenTls(days: 10);
        var port = CliRunner.PortOf(listener).ToString(CultureInfo.InvariantCulture);

        var (code, output, _) = await CliRunner.RunAsync("check", "127.0.0.1", port, "--no-ping", "--insecure", "--cert-fail", "30");

        Assert.Equal(1, code);
        Assert.Contains("the certificate expires in 10 day(s), under --cert-fail 30", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--ca", "/nonexistent/ca.pem", "--ca: cannot read")]
    [InlineData("--cert-warn", "-1", "--cert-warn -1: give a number of days from 0 to 3650")]
    [InlineData("--cert-fail", "99999", "--cert-fail 99999: give a number of days from 0 to 3650")]
    [InlineData("--starttls", "gopher", "--starttls: unknown protocol 'gopher' (smtp, imap, pop3, ftp, ldap, xmpp, postgres, mysql)")]
    public async Task Tls_BadOption_IsOneLine_Exit2(string option, string value, string expected)
    {
        var (code, output, error) = await CliRunner.RunAsync("check", "127.0.0.1", "9", "--no-ping", option, value);

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Contains(expected, Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartTls_NewWord_RunsItsPreamble_AndJsonNamesIt()
    {
        // Given a loopback server greeting as MySQL 8.0 does, but without CLIENT_SSL among its capabilities,
        byte[] payload = [10, .. "8.0.36\0"u8, 0x0b, 0, 0, 0, .. "4f;Q(w1c"u8, 0, 0xff, 0xf7];
        using var listener = CliRunner.ListenGreeting([(byte)payload.Length, 0, 0, 0, .. payload]);
        var port = CliRunner.PortOf(listener).ToString(CultureInfo.InvariantCulture);

        // when reach check upgrades with --starttls mysql,
        var (code, output, _) = await CliRunner.RunAsync("check", "127.0.0.1", port, "--no-ping", "--starttls", "MySQL", "--json");

        // then the target's TLS fails with the preamble's reason, and the JSON names the upgrade.
        Assert.Equal(1, code);
        using var doc = JsonDocument.Parse(output);
        var tls = doc.RootElement.GetProperty("results")[0].GetProperty("tls");
        Assert.Equal("mysql", tls.GetProperty("starttls").GetString());
        Assert.Equal("STARTTLS (mysql): the MySQL server does not offer SSL (8.0.36)", tls.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Banner_ShowsWhatTheServerSentFirst_Escaped_WithItsProtocol()
    {
        // Given a loopback server whose greeting also tries to recolour the terminal,
        using var listener = CliRunner.ListenGreeting("SSH-2.0-OpenSSH_9.2p1 \u001b[31mDebian-2\r\n"u8.ToArray());
        var port = CliRunner.PortOf(listener).ToString(CultureInfo.InvariantCulture);

        // when reach check reads its banner,
        var (code, output, error) = await CliRunner.RunAsync("check", "127.0.0.1", port, "--no-ping", "--banner");
        var (_, json, _) = await CliRunner.RunAsync("check", "127.0.0.1", port, "--no-ping", "--banner", "--json");

        // then the greeting is shown as one escaped line, with the protocol it names, in text and in JSON;
        Assert.Equal(0, code);
        Assert.Empty(error);
        Assert.Contains("Banner    SSH-2.0-OpenSSH_9.2p1 \\x1b[31mDebian-2  (ssh)", output, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b", output, StringComparison.Ordinal);
        var banner = JsonNode.Parse(json)!["results"]![0]!["banner"]!;
        Assert.Equal("ssh", (string?)banner["protocol"]);
        Assert.Equal("SSH-2.0-OpenSSH_9.2p1 \\x1b[31mDebian-2", (string?)banner["text"]);
        Assert.True((bool)banner["complete"]!);
    }

    [Fact]
    public async Task Banner_IsOnByDefault_NoBannerTurnsItOff()
    {
        using var listener = CliRunner.ListenGreeting("SSH-2.0-x\r\n"u8.ToArray());
        var port = CliRunner.PortOf(listener).ToString(CultureInfo.InvariantCulture);

        var (_, byDefault, _) = await CliRunner.RunAsync("check", "127.0.0.1", port, "--no-ping");
        var (_, plain, _) = await CliRunner.RunAsync("check", "127.0.0.1", port, "--no-ping", "--no-banner");
        var (_, json, _) = await CliRunner.RunAsync("check", "127.0.0.1", port, "--no-ping", "--no-banner", "--json");
        var (code, _, error) = await CliRunner.RunAsync("check", "127.0.0.1", port, "--no-ping", "--banner", "--no-banner");

        Assert.Contains("Banner    SSH-2.0-x  (ssh)", byDefault, StringComparison.Ordinal);
        Assert.DoesNotContain("Banner", plain, StringComparison.Ordinal);
        Assert.Null(JsonNode.Parse(json)!["results"]![0]!["banner"]);
        Assert.Equal(2, code);
        Assert.Contains("--banner and --no-banner", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SilentPort_IsAskedHead_AndTheTextSaysSo()
    {
        using var listener = CliRunner.Listen();
        var port = CliRunner.PortOf(listener).ToString(CultureInfo.InvariantCulture);

        var (code, output, _) = await CliRunner.RunAsync("check", "127.0.0.1", port, "--no-ping");
        var (_, json, _) = await CliRunner.RunAsync("check", "127.0.0.1", port, "--no-ping", "--json");

        Assert.Equal(0, code);
        Assert.Contains("nothing within the wait, not even to HEAD /", output, StringComparison.Ordinal);
        var banner = JsonNode.Parse(json)!["results"]![0]!["banner"]!;
        Assert.Equal("http-head", (string?)banner["probe"]);
        Assert.Null((string?)banner["protocol"]);
        Assert.Null((string?)banner["expected"]);
    }

    [Fact]
    public async Task UrlTarget_AsksHttp_ANotAcceptedStatusIsHttpFailed_StatusWidensIt()
    {
        using var listener = CliRunner.ListenHttp("HTTP/1.1 503 Service Unavailable\r\nServer: test\r\nContent-Length: 0\r\n\r\n");
        var port = CliRunner.PortOf(listener).ToString(CultureInfo.InvariantCulture);

        var (failed, output, _) = await CliRunner.RunAsync("check", $"http://127.0.0.1:{port}/health", "--no-ping", "--no-banner");
        var (_, json, _) = await CliRunner.RunAsync("check", $"http://127.0.0.1:{port}/health", "--no-ping", "--no-banner", "--json");
        var (accepted, _, _) = await CliRunner.RunAsync("check", "127.0.0.1", port, "--no-ping", "--no-banner", "--http", "/health", "--status", "2xx,503");

        Assert.Equal(1, failed);
        Assert.Contains("NOT REACHABLE (http-failed)", output, StringComparison.Ordinal);
        Assert.Contains("503 Service Unavailable", output, StringComparison.Ordinal);
        Assert.Contains("Timing    connect ", output, StringComparison.Ordinal);
        var document = JsonNode.Parse(json)!;
        Assert.Equal("http-failed", (string?)document["status"]);
        Assert.Equal(503, (int)document["results"]![0]!["http"]!["status_code"]!);
        Assert.Equal(0, accepted);
    }

    [Theory]
    [InlineData("--status", "99", "--status: '99' is not a status code")]
    [InlineData("--status", "300-200", "--status: '300-200' is not a status code")]
    [InlineData("--http", "health", "--http 'health': the path starts with '/'")]
    public async Task BadHttpOption_IsOneLine_Exit2(string option, string value, string expected)
    {
        var (code, _, error) = await CliRunner.RunAsync("check", "127.0.0.1", "9", option, value);

        Assert.Equal(2, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoTls_WithATlsOption_IsBadInput()
    {
        var (code, _, error) = await CliRunner.RunAsync("check", "127.0.0.1", "443", "--no-tls", "--insecure");

        Assert.Equal(2, code);
        Assert.Contains("--no-tls with a TLS option", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenPort_ExitsZero_AndSaysReachable()
    {
        using var listener = CliRunner.Listen();
        var port = CliRunner.PortOf(listener).ToString(CultureInfo.InvariantCulture);

        var (code, output, error) = await CliRunner.RunAsync("check", "127.0.0.1", port, "--no-ping");

        Assert.Equal(0, code);
        Assert.Empty(error);
        Assert.Contains("open (syn-ack)", output, StringComparison.Ordinal);
        Assert.Contains("REACHABLE", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClosedPort_ExitsOne_AndExplains()
    {
        var port = CliRunner.ClosedPort().ToString(CultureInfo.InvariantCulture);

        var (code, output, _) = await CliRunner.RunAsync("check", $"127.0.0.1:{port}", "--no-ping");

        Assert.Equal(1, code);
        Assert.Contains("closed (conn-refused)", output, StringComparison.Ordinal);
        Assert.Contains("nothing listens on port " + port, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quiet_PrintsNothing_ExitCodeTells()
    {
        using var listener = CliRunner.Listen();
        var open = await CliRunner.RunAsync("check", $"127.0.0.1:{CliRunner.PortOf(listener)}", "--quiet", "--no-ping");
        var closed = await CliRunner.RunAsync("check", $"127.0.0.1:{CliRunner.ClosedPort()}", "-q", "--no-ping");

        Assert.Equal((0, string.Empty, string.Empty), open);
        Assert.Equal((1, string.Empty, string.Empty), closed);
    }

    [Fact]
    public async Task Json_OneTarget_IsOneTargetDocument()
    {
        using var listener = CliRunner.Listen(System.Net.IPAddress.IPv6Loopback);
        var (code, output, _) = await CliRunner.RunAsync("check", $"[::1]:{CliRunner.PortOf(listener)}", "--json", "--no-ping");

        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal("::1", doc.RootElement.GetProperty("host").GetString());
        Assert.Equal("open", doc.RootElement.GetProperty("results")[0].GetProperty("state").GetString());
        Assert.Equal("skipped", doc.RootElement.GetProperty("ping").GetProperty("status").GetString());
        Assert.True(doc.RootElement.GetProperty("reachable").GetBoolean());
    }

    [Fact]
    public async Task Json_SeveralTargets_IsAListDocumentWithASummary()
    {
        using var listener = CliRunner.Listen();
        var (code, output, _) = await CliRunner.RunAsync(
            "check", "127.0.0.1", "127.0.0.2", $"-p", CliRunner.PortOf(listener).ToString(CultureInfo.InvariantCulture), "--json", "--no-ping");

        Assert.Equal(1, code);
        using var doc = JsonDocument.Parse(output);
        var targets = doc.RootElement.GetProperty("targets");
        Assert.Equal(2, targets.GetArrayLength());
        Assert.Equal("open", targets[0].GetProperty("status").GetString());
        Assert.Equal("closed", targets[1].GetProperty("status").GetString());
        Assert.Equal(1, doc.RootElement.GetProperty("summary").GetProperty("reachable").GetInt32());
        Assert.False(doc.RootElement.GetProperty("reachable").GetBoolean());
    }

    [Fact]
    public async Task InputFile_OneLinePerTarget_ThenASummary_AndFailedOnlyHidesTheGoodOnes()
    {
        using var listener = CliRunner.Listen();
        var open = CliRunner.PortOf(listener);
        var closed = CliRunner.ClosedPort();
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllLinesAsync(file, ["# servers", $"127.0.0.1:{open}", "", $"127.0.0.1 {closed}", $"[::1]:{closed}"], TestContext.Current.CancellationToken);

            var (code, output, _) = await CliRunner.RunAsync("check", "-i", file, "--no-ping");
            var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);

            Assert.Equal(1, code);
            Assert.Equal(4, lines.Length);
            Assert.StartsWith("open", lines[0], StringComparison.Ordinal);
            Assert.StartsWith("closed", lines[1], StringComparison.Ordinal);
            Assert.StartsWith("closed", lines[2], StringComparison.Ordinal);
            Assert.Contains("3 targets: 1 reachable, 2 closed", lines[3], StringComparison.Ordinal);

            var failed = await CliRunner.RunAsync("check", "-i", file, "--no-ping", "--failed-only");
            Assert.DoesNotContain($"127.0.0.1:{open}", failed.Out, StringComparison.Ordinal);
            Assert.Contains($"127.0.0.1:{closed}", failed.Out, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData(new[] { "check", "127.0.0.1", "70000" }, "port 70000 is out of range")]
    [InlineData(new[] { "check", "127.0.0.1:70000" }, "port 70000 is out of range")]
    [InlineData(new[] { "check", "127.0.0.1", "htps" }, "unknown service 'htps'; did you mean https")]
    [InlineData(new[] { "check", "127.0.0.1", "80", "--timeout", "5x" }, "--timeout")]
    [InlineData(new[] { "check", "127.0.0.1", "80", "--timeout", "0" }, "--timeout must be more than 0")]
    [InlineData(new[] { "check", "-i", "/nonexistent/servers.txt", "-p", "80" }, "cannot read target file '/nonexistent/servers.txt'")]
    [InlineData(new[] { "check", "127.0.0.1", "80", "-4", "-6" }, "-4 and -6 exclude each other")]
    [InlineData(new[] { "check" }, "no target")]
    [InlineData(new[] { "check", "127.0.0.1", "80", "--bogus" }, "--bogus")]
    [InlineData(new[] { "check", "127.0.0.1", "-p", "nope" }, "--port: unknown service 'nope'")]
    [InlineData(new[] { "check", "127.0.0.1:22", "80" }, "already names port 22")]
    [InlineData(new[] { "check", "10.0.0.256", "80" }, "not a valid IPv4 address")]
    [InlineData(new[] { "check", "127.0.0.1", "--no-ping" }, "nothing to check")]
    [InlineData(new[] { "frobnicate" }, "frobnicate")]
    public async Task BadInput_ExitsTwo_WithOneLineNamingTheBadPart(string[] args, string expected)
    {
        var (code, output, error) = await CliRunner.RunAsync(args);

        Assert.Equal(2, code);
        Assert.Empty(output);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("reach: ", lines[0], StringComparison.Ordinal);
        Assert.Contains(expected, lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmptyInputFile_ExitsTwo()
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, "# nothing here\n\n", TestContext.Current.CancellationToken);
            var (code, _, error) = await CliRunner.RunAsync("check", "-i", file, "-p", "80");
            Assert.Equal(2, code);
            Assert.Contains("no targets", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Help_HasExamples()
    {
        var (code, output, _) = await CliRunner.RunAsync("check", "--help");

        Assert.Equal(0, code);
        Assert.Contains("Examples:", output, StringComparison.Ordinal);
        Assert.Contains("--timeout", output, StringComparison.Ordinal);
        Assert.Contains("--all-addresses", output, StringComparison.Ordinal);
    }
}
