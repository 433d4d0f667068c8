using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Reach.Cli.Tests.Commands;

/// <summary>
/// <c>reach scan --service</c> against loopback listeners these tests open (and ports they closed again): an SSH-like
/// greeting, an HTTP answer, a silent port, a TLS port, a hostile banner; every format carries what answered.
/// </summary>
public class ScanServiceCommandTests
{
    private const string Wait = "300ms";

    /// <summary>Colors the terminal, sets its title, rings its bell; a comma and quotes for CSV.</summary>
    private static readonly byte[] Hostile = Encoding.Latin1.GetBytes("220 \u001b[31mevil, \"quoted\"\u001b]0;title\u0007 ok\r\n");

    private const string HostileShown = "220 \\x1b[31mevil, \"quoted\"\\x1b]0;title\\x07 ok";

    private static string Ports(params int[] ports) => string.Join(',', ports.Select(p => p.ToString(CultureInfo.InvariantCulture)));

    private sealed class Servers : IDisposable
    {
        public readonly System.Net.Sockets.Socket Ssh = CliRunner.ListenGreeting("SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n"u8.ToArray());
        public readonly System.Net.Sockets.Socket Http = CliRunner.ListenAnswering("HTTP/1.1 200 OK\r\nServer: nginx/1.22.1\r\n\r\n"u8.ToArray());
        public readonly System.Net.Sockets.Socket Silent = CliRunner.Listen();
        public readonly System.Net.Sockets.Socket Evil = CliRunner.ListenGreeting(Hostile);
        public readonly int Closed = CliRunner.ClosedPort();

        public int SshPort => CliRunner.PortOf(Ssh);
        public int HttpPort => CliRunner.PortOf(Http);
        public int SilentPort => CliRunner.PortOf(Silent);
        public int EvilPort => CliRunner.PortOf(Evil);

        public string All => Ports(SshPort, HttpPort, SilentPort, EvilPort, Closed);

        public void Dispose()
        {
            Ssh.Dispose();
            Http.Dispose();
            Silent.Dispose();
            Evil.Dispose();
        }
    }

    private static Dictionary<int, JsonElement> PortRecords(string jsonLines) =>
        jsonLines.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Where(r => r.GetProperty("type").GetString() == "port")
            .ToDictionary(r => r.GetProperty("port").GetInt32());

    [Fact]
    public async Task JsonLines_NamesEveryOpenPort_AndLeavesClosedPortsAlone()
    {
        using var servers = new Servers();

        var (code, output, error) = await CliRunner.RunAsync("scan", "127.0.0.1", "-p", servers.All, "--all", "--service", "--service-timeout", Wait, "--format", "jsonl");

        Assert.True(code == 0, error);
        var ports = PortRecords(output);
        var ssh = ports[servers.SshPort].GetProperty("detected");
        Assert.Equal("ssh", ssh.GetProperty("protocol").GetString());
        Assert.Equal("SSH-2.0-OpenSSH_9.2p1 Debian-2", ssh.GetProperty("text").GetString());
        Assert.Equal(JsonValueKind.Null, ssh.GetProperty("probe").ValueKind);
        Assert.False(ssh.GetProperty("mismatch").GetBoolean());
        Assert.Equal(JsonValueKind.Null, ssh.GetProperty("tls").ValueKind);

        var http = ports[servers.HttpPort].GetProperty("detected");
        Assert.Equal("http", http.GetProperty("protocol").GetString());
        Assert.Equal("http-head", http.GetProperty("probe").GetString());
        Assert.Equal("HTTP/1.1 200 OK · Server: nginx/1.22.1", http.GetProperty("text").GetString());

        var silent = ports[servers.SilentPort].GetProperty("detected");
        Assert.Equal(JsonValueKind.Null, silent.GetProperty("protocol").ValueKind);
        Assert.Equal("http-head", silent.GetProperty("probe").GetString());
        Assert.Equal("open", ports[servers.SilentPort].GetProperty("state").GetString());

        Assert.Equal(HostileShown, ports[servers.EvilPort].GetProperty("detected").GetProperty("text").GetString());

        Assert.Equal("closed", ports[servers.Closed].GetProperty("state").GetString());
        Assert.False(ports[servers.Closed].TryGetProperty("detected", out _)); // only open ports are identified
        Assert.DoesNotContain('\u001b', output);
    }

    [Fact]
    public async Task WithoutService_NoRecordHasDetected()
    {
        using var servers = new Servers();

        var (code, output, _) = await CliRunner.RunAsync("scan", "127.0.0.1", "-p", Ports(servers.SshPort), "--format", "jsonl");

        Assert.Equal(0, code);
        Assert.False(PortRecords(output)[servers.SshPort].TryGetProperty("detected", out _));
    }

    [Fact]
    public async Task Table_ShowsTheServiceThatAnswered_AndWhatItSaid_Escaped()
    {
        using var servers = new Servers();

        var (code, output, _) = await CliRunner.RunAsync("scan", "127.0.0.1", "-p", servers.All, "--service", "--service-timeout", Wait);

        Assert.Equal(0, code);
        var lines = output.Split('\n');
        Assert.Matches(@"open .* ssh +[0-9.]+ ms  syn-ack  SSH-2\.0-OpenSSH_9\.2p1 Debian-2", Line(lines, servers.SshPort));
        Assert.Matches(@" http +[0-9.]+ ms  syn-ack  HTTP/1\.1 200 OK · Server: nginx/1\.22\.1", Line(lines, servers.HttpPort));
        Assert.Contains("no answer, not even to http-head", Line(lines, servers.SilentPort), StringComparison.Ordinal);
        Assert.Contains(" smtp ", Line(lines, servers.EvilPort), StringComparison.Ordinal);
        Assert.Contains(HostileShown, Line(lines, servers.EvilPort), StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', output);
        Assert.DoesNotContain('\u0007', output);
        Assert.DoesNotContain($"{servers.Closed}/tcp", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Csv_HasTheServiceColumns_AndQuotesTheBanner()
    {
        using var servers = new Servers();

        var (code, output, _) = await CliRunner.RunAsync("scan", "127.0.0.1", "-p", servers.All, "--all", "--service", "--service-timeout", Wait, "--format", "csv");

        Assert.Equal(0, code);
        var rows = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(ParseCsv).ToList();
        var header = rows[0];
        Assert.Equal(["host", "address", "port", "proto", "state", "reason", "rtt_ms", "service", "detected", "expected", "mismatch", "banner", "error", "tls_protocol", "tls_subject", "tls_not_after", "tls_days_left", "tls_problems"], header);
        Assert.All(rows, r => Assert.Equal(header.Count, r.Count));
        var byPort = rows.Skip(1).ToDictionary(r => int.Parse(r[2], CultureInfo.InvariantCulture));
        Assert.Equal("ssh", byPort[servers.SshPort][header.IndexOf("detected")]);
        Assert.Equal("SSH-2.0-OpenSSH_9.2p1 Debian-2", byPort[servers.SshPort][header.IndexOf("banner")]);
        Assert.Equal(HostileShown, byPort[servers.EvilPort][header.IndexOf("banner")]);
        Assert.Equal(string.Empty, byPort[servers.Closed][header.IndexOf("detected")]);
        Assert.Equal(string.Empty, byPort[servers.SilentPort][header.IndexOf("detected")]);
    }

    [Fact]
    public async Task Grepable_PutsTheServiceAndTheAnswer_InNmapsFields()
    {
        using var servers = new Servers();

        var (code, output, _) = await CliRunner.RunAsync("scan", "127.0.0.1", "-p", Ports(servers.SshPort, servers.HttpPort, servers.EvilPort), "--service", "--service-timeout", Wait, "--format", "grepable");

        Assert.Equal(0, code);
        Assert.Contains($"{servers.SshPort}/open/tcp//ssh//SSH-2.0-OpenSSH_9.2p1 Debian-2/", output, StringComparison.Ordinal);
        Assert.Contains($"{servers.HttpPort}/open/tcp//http//HTTP|1.1 200 OK · Server: nginx|1.22.1/", output, StringComparison.Ordinal); // '/' ends a field
        Assert.Contains($"{servers.EvilPort}/open/tcp//smtp//220 \\x1b[31mevil; \"quoted\"", output, StringComparison.Ordinal); // ", " separates ports
        Assert.DoesNotContain('\u001b', output);
    }

    [Fact]
    public async Task Tls_ShowsTheCertificatesSubjectDaysLeftAndTrust()
    {
        using var tls = CliRunner.ListenTls(days: 60);
        using var servers = new Servers();
        var port = CliRunner.PortOf(tls);

        var json = await CliRunner.RunAsync("scan", "127.0.0.1", "-p", Ports(port, servers.SshPort), "--service", "--tls", "--format", "jsonl");
        var table = await CliRunner.RunAsync("scan", "127.0.0.1", "-p", Ports(port), "--service", "--tls");
        var withoutTls = await CliRunner.RunAsync("scan", "127.0.0.1", "-p", Ports(port), "--service", "--service-timeout", Wait, "--format", "jsonl");

        Assert.True(json.ExitCode == 0, json.Error); // an untrusted certificate is reported, not failed
        var ports = PortRecords(json.Out);
        var detected = ports[port].GetProperty("detected");
        Assert.Equal("ssl", detected.GetProperty("protocol").GetString());
        var report = detected.GetProperty("tls");
        Assert.StartsWith("TLSv1.", report.GetProperty("protocol").GetString(), StringComparison.Ordinal);
        Assert.Equal("CN=reach-cli-test", report.GetProperty("subject").GetString());
        Assert.Equal(60, report.GetProperty("days_left").GetInt32());
        Assert.False(report.GetProperty("trusted").GetBoolean());
        Assert.Contains("self-signed", report.GetProperty("problems").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(JsonValueKind.Null, ports[servers.SshPort].GetProperty("detected").GetProperty("tls").ValueKind); // SSH has no TLS to show

        Assert.Equal(0, table.ExitCode);
        Assert.Matches(@"TLS TLSv1\.[23]  CN=reach-cli-test  until \d{4}-\d\d-\d\d \(60 days left\)  not trusted \(self-signed\)", table.Out);

        Assert.Equal(JsonValueKind.Null, PortRecords(withoutTls.Out)[port].GetProperty("detected").GetProperty("tls").ValueKind);
    }

    [Fact]
    public async Task Tls_WithTheCertificateAsCa_IsTrusted_AndInsecureShowsTheProblemUnmarked()
    {
        // Given a self-signed listener whose certificate is written out, to be trusted as its own anchor
        var pem = Path.GetTempFileName();
        (int ExitCode, string Out, string Error) anchored, anchoredTable, insecure, insecureJson;
        using var tls = CliRunner.ListenTls(days: 60, certificatePem: pem);
        var port = Ports(CliRunner.PortOf(tls));
        try
        {
            // When it is scanned with it as --ca, and with --insecure
            anchored = await CliRunner.RunAsync("scan", "127.0.0.1", "-p", port, "--service", "--tls", "--ca", pem, "--format", "jsonl");
            anchoredTable = await CliRunner.RunAsync("scan", "127.0.0.1", "-p", port, "--service", "--tls", "--ca", pem);
            insecure = await CliRunner.RunAsync("scan", "127.0.0.1", "-p", port, "--service", "--tls", "--insecure");
            insecureJson = await CliRunner.RunAsync("scan", "127.0.0.1", "-p", port, "--service", "--tls", "--insecure", "--format", "jsonl");
        }
        finally
        {
            File.Delete(pem);
        }

        // Then --ca trusts it (the test above shows it self-signed without)

        Assert.True(anchored.ExitCode == 0, anchored.Error);
        var report = PortRecords(anchored.Out)[CliRunner.PortOf(tls)].GetProperty("detected").GetProperty("tls");
        Assert.True(report.GetProperty("trusted").GetBoolean());
        Assert.Empty(report.GetProperty("problems").EnumerateArray());
        Assert.Matches(@"TLS TLSv1\.[23]  CN=reach-cli-test  until \d{4}-\d\d-\d\d \(60 days left\)  trusted", anchoredTable.Out);

        // --insecure: the problem is named, said to be allowed; JSON keeps the facts
        Assert.Equal(0, insecure.ExitCode);
        Assert.Contains("not trusted (self-signed), allowed by --insecure", insecure.Out, StringComparison.Ordinal);
        var facts = PortRecords(insecureJson.Out)[CliRunner.PortOf(tls)].GetProperty("detected").GetProperty("tls");
        Assert.False(facts.GetProperty("trusted").GetBoolean());
        Assert.Contains("self-signed", facts.GetProperty("problems").EnumerateArray().Select(p => p.GetString()));
    }

    [Theory]
    [InlineData("--tls", "--tls needs --service")]
    [InlineData("--service-concurrency 8", "--service-concurrency needs --service")]
    [InlineData("--service --list", "--service with --list")]
    [InlineData("--service --down", "--service with --down")]
    [InlineData("--service --service-timeout soon", "--service-timeout:")]
    [InlineData("--service --service-timeout 5ms", "--service-timeout 5ms is out of range")]
    [InlineData("--service --service-concurrency 0", "--service-concurrency 0 is out of range")]
    [InlineData("--service-per-host 4", "--service-per-host needs --service")]
    [InlineData("--ca ca.pem", "--ca needs --service --tls")]
    [InlineData("--service --ca ca.pem", "--ca needs --service --tls")]
    [InlineData("--insecure", "--insecure needs --service --tls")]
    [InlineData("--service --insecure", "--insecure needs --service --tls")]
    [InlineData("--tls --insecure", "--tls needs --service")]
    [InlineData("--service --tls --ca /nonexistent/ca.pem", "--ca: cannot read")]
    [InlineData("--service --service-per-host 0", "--service-per-host 0 is out of range (1-128)")]
    [InlineData("--service --service-per-host 129", "--service-per-host 129 is out of range (1-128)")]
    public async Task BadCombinations_AreOneLineErrors_Exit2(string options, string expected)
    {
        var port = CliRunner.ClosedPort();

        var (code, output, error) = await CliRunner.RunAsync(["scan", "127.0.0.1", "-p", Ports(port), .. options.Split(' ')]);

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Help_NamesTheOptions_WithAnExample()
    {
        var (code, output, _) = await CliRunner.RunAsync("scan", "--help");

        Assert.Equal(0, code);
        Assert.Contains("--service", output, StringComparison.Ordinal);
        Assert.Contains("--service-timeout", output, StringComparison.Ordinal);
        Assert.Contains("--service-concurrency", output, StringComparison.Ordinal);
        Assert.Contains("--service-per-host", output, StringComparison.Ordinal);
        Assert.Contains("--ca", output, StringComparison.Ordinal);
        Assert.Contains("--insecure", output, StringComparison.Ordinal);
        Assert.Contains("reach scan 10.0.0.0/24 -p 443 --service --tls --ca corp-root.pem", output, StringComparison.Ordinal);
        Assert.Contains("reach scan srv01 -p 1-1024 --service", output, StringComparison.Ordinal);
    }

    private static string Line(string[] lines, int port) =>
        Assert.Single(lines, l => l.Contains($" {port}/tcp", StringComparison.Ordinal));

    /// <summary>One RFC 4180 row: quoted fields may hold commas and doubled quotes.</summary>
    private static List<string> ParseCsv(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }
}
