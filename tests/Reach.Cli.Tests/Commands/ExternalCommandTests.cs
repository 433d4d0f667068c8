using System.Text.Json;

namespace Reach.Cli.Tests.Commands;

/// <summary>
/// <c>reach external</c> against a fake reflector on a loopback port of the test and the fake socket table
/// (nginx on 0.0.0.0:80 and [::]:80, postgres on 127.0.0.1:5432; this host has 10.0.0.5 and 203.0.113.7).
/// </summary>
public class ExternalCommandTests
{
    private const string NoNat = """
        {"ip":"203.0.113.7","results":[
          {"port":80,"state":"open","reason":"syn-ack","rtt_ms":0.412},
          {"port":5432,"state":"closed","reason":"conn-refused","rtt_ms":0.2},
          {"port":8080,"state":"filtered","reason":"no-response"}]}
        """;

    [Fact]
    public async Task EveryPortReachable_ExitZero_AndTheVerdictNamesTheListener()
    {
        await using var reflector = new FakeReflector(200, NoNat);

        var (code, output, error) = await CliRunner.RunAsync(FakeSockets.Sources(), "external", "80", "--via", reflector.Url);

        Assert.Equal(0, code);
        Assert.Equal(string.Empty, error);
        Assert.Contains("address    this host has the public address 203.0.113.7 itself (no NAT)", output, StringComparison.Ordinal);
        Assert.Contains("80/tcp     reachable from outside [reachable]", output, StringComparison.Ordinal);
        Assert.Contains("nginx listens on 0.0.0.0:80 and [::]:80", output, StringComparison.Ordinal);
        var request = Assert.Single(reflector.Requests);
        Assert.StartsWith("POST /v1/check HTTP/1.1", request, StringComparison.Ordinal);
        Assert.Contains("Content-Length: 28\r\n", request, StringComparison.Ordinal);
        Assert.EndsWith("\r\n\r\n" + """{"ports":[80],"proto":"tcp"}""", request, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SomePortNotReachable_ExitOne_WithTheNextStepPerPort()
    {
        await using var reflector = new FakeReflector(200, NoNat);

        var (code, output, _) = await CliRunner.RunAsync(FakeSockets.Sources(), "external", "80", "postgresql", "8080", "--via", reflector.Url);

        Assert.Equal(1, code);
        Assert.Contains("5432/tcp   NOT reachable from outside [loopback-only]", output, StringComparison.Ordinal);
        Assert.Contains("  postgres listens only on 127.0.0.1:5432, which takes connections from this machine only", output, StringComparison.Ordinal);
        Assert.Contains("  next: make postgres listen on 0.0.0.0:5432 or 203.0.113.7:5432", output, StringComparison.Ordinal);
        Assert.Contains("8080/tcp   NOT reachable from outside [not-listening]", output, StringComparison.Ordinal);
        Assert.Contains("  nothing listens on TCP 8080 here", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_IsOneDocument_WithTheNatAnalysis_AndEveryPort()
    {
        await using var reflector = new FakeReflector(200, NoNat.Replace("203.0.113.7", "198.51.100.9", StringComparison.Ordinal));

        var (code, output, _) = await CliRunner.RunAsync(FakeSockets.Sources(), "external", "80", "5432", "8080", "--via", reflector.Url, "--json");

        Assert.Equal(1, code);
        using var document = JsonDocument.Parse(output);
        var root = document.RootElement;
        Assert.Equal(1, root.GetProperty("schema_version").GetInt32());
        Assert.Equal(reflector.Url + "/", root.GetProperty("reflector").GetString());
        Assert.Equal("198.51.100.9", root.GetProperty("public_address").GetString());
        Assert.Equal("10.0.0.5", root.GetProperty("local_address").GetString()); // the connection left from loopback: not a LAN address
        Assert.Equal("nat", root.GetProperty("nat").GetString());
        Assert.False(root.GetProperty("reachable").GetBoolean());
        Assert.True(root.GetProperty("local_known").GetBoolean());
        var ports = root.GetProperty("ports").EnumerateArray().ToList();
        Assert.Equal([80, 5432, 8080], ports.Select(p => p.GetProperty("port").GetInt32()));
        Assert.Equal(["reachable", "loopback-only", "not-listening"], ports.Select(p => p.GetProperty("verdict").GetString()));
        Assert.Equal(["listens", "loopback-only", "nothing-listens"], ports.Select(p => p.GetProperty("local").GetString()));
        Assert.Equal("open", ports[0].GetProperty("outside").GetProperty("state").GetString());
        Assert.Equal(0.412, ports[0].GetProperty("outside").GetProperty("rtt_ms").GetDouble());
        var listener = ports[0].GetProperty("listeners")[0];
        Assert.Equal("nginx", listener.GetProperty("process").GetString());
        Assert.Equal(1234, listener.GetProperty("pid").GetInt32());
        Assert.Equal("0.0.0.0", listener.GetProperty("address").GetString());
        Assert.Equal(JsonValueKind.Null, ports[0].GetProperty("next_step").ValueKind);
        Assert.StartsWith("start the service", ports[2].GetProperty("next_step").GetString(), StringComparison.Ordinal);
        Assert.Equal(ports[2].GetProperty("summary").GetString() + ": " + ports[2].GetProperty("next_step").GetString(), ports[2].GetProperty("explanation").GetString());
    }

    [Fact]
    public async Task Json_EveryFieldIsDocumented_InDocsExternalMd()
    {
        await using var reflector = new FakeReflector(200, NoNat);
        var (_, output, _) = await CliRunner.RunAsync(FakeSockets.Sources(), "external", "80", "--via", reflector.Url, "--json");
        var docs = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "external.md"));

        using var document = JsonDocument.Parse(output);
        var names = Names(document.RootElement).Distinct().ToList();

        Assert.Contains("rtt_ms", names);
        Assert.All(names, name => Assert.Contains($"`{name}`", docs.Replace("`ports[].", "`", StringComparison.Ordinal).Replace(", `.", ", `", StringComparison.Ordinal), StringComparison.Ordinal));
    }

    [Fact]
    public async Task RateLimited_ExitTwo_SaysHowLongToWait()
    {
        await using var reflector = new FakeReflector(429, """{"error":"too many checks"}""", "Retry-After: 30\r\n");

        var (code, output, error) = await CliRunner.RunAsync(FakeSockets.Sources(), "external", "80", "--via", reflector.Url);

        Assert.Equal(2, code);
        Assert.Equal(string.Empty, output);
        Assert.Equal($"reach: the reflector at {reflector.Url}/ refuses more checks from this address for now (429 Too Many Requests: too many checks): try again in 30 s", error.TrimEnd());
    }

    [Fact]
    public async Task ReflectorUnreachable_ExitTwo_WithTheReason()
    {
        var port = CliRunner.ClosedPort();

        var (code, _, error) = await CliRunner.RunAsync(FakeSockets.Sources(), "external", "80", "--via", $"http://127.0.0.1:{port}");

        Assert.Equal(2, code);
        Assert.Equal($"reach: cannot reach the reflector at http://127.0.0.1:{port}/: connection refused (nothing listens there)", error.TrimEnd());
    }

    [Fact]
    public async Task SocketTableUnreadable_StillJudges_FromTheOutsideView_AndSaysSo()
    {
        await using var reflector = new FakeReflector(200, NoNat);

        var (code, output, error) = await CliRunner.RunAsync(FakeSockets.Unreadable(new PlatformNotSupportedException("no socket table reader on this OS")), "external", "80", "--via", reflector.Url);

        Assert.Equal(0, code);
        Assert.Contains("who listens on TCP 80 here is unknown", output, StringComparison.Ordinal);
        Assert.Contains("the socket table cannot be read: no socket table reader on this OS", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "external", "70000", "--via", "http://127.0.0.1:1" }, "reach: port 70000 is out of range (1-65535)")]
    [InlineData(new[] { "external", "80", "--via", "127.0.0.1:9106" }, "reach: --via: reflector URL '127.0.0.1:9106' is not an http:// or https:// URL (for example http://203.0.113.7:9106)")]
    [InlineData(new[] { "external", "80", "--via", "http://127.0.0.1:1", "--timeout", "0s" }, "reach: --timeout must be more than 0")]
    [InlineData(new[] { "external", "--via", "http://127.0.0.1:1" }, "reach: Required argument 'port' missing for command: 'external'. (see 'reach external --help')")]
    public async Task BadInput_ExitTwo_OneLine(string[] args, string expected)
    {
        var (code, output, error) = await CliRunner.RunAsync(FakeSockets.Sources(), args);

        Assert.Equal(2, code);
        Assert.Equal(string.Empty, output);
        Assert.Equal(expected, error.TrimEnd());
    }

    private static IEnumerable<string> Names(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Names(p.Value).Prepend(p.Name)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Names),
        _ => [],
    };

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "docs", "external.md")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("docs/external.md not found above the test folder");
    }

    [Fact]
    public async Task Help_ShowsExamples_AndExitCodes()
    {
        var (code, output, _) = await CliRunner.RunAsync(FakeSockets.Sources(), "external", "--help");

        Assert.Equal(0, code);
        Assert.Contains("reach external 8080 --via http://203.0.113.7:9106", output, StringComparison.Ordinal);
        Assert.Contains("REACH_REFLECTOR", output, StringComparison.Ordinal);
        Assert.Contains("Exit codes: 0 every port is reachable from outside", output, StringComparison.Ordinal);
    }
}
