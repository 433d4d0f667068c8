using System.Globalization;
using System.Text.Json;
using Json.Schema;
using Reach.Sockets;

namespace Reach.Cli.Tests.Commands;

public sealed class SocketsCommandTests : IDisposable
{
    private readonly string _baseline = Path.Combine(Path.GetTempPath(), $"reach-cli-baseline-{Guid.NewGuid():N}.json");

    public void Dispose() => File.Delete(_baseline);

    [Fact]
    public async Task Explain_PrintsTheLegend_WithoutReadingTheTable()
    {
        var (code, output, error) = await CliRunner.RunAsync(FakeSockets.Unreadable(new InvalidOperationException("read")), "sockets", "--explain");

        Assert.Equal(0, code);
        Assert.Empty(error);
        foreach (var notation in new[] { "0.0.0.0:80", "[::]:80", "*:80", "127.0.0.1:9050", "0.0.0.0:*", "[::]:0", "*:*", "LISTEN", "ESTABLISHED", "CLOSE_WAIT", "TIME_WAIT", "SYN_SENT", "FIN_WAIT" })
        {
            Assert.Contains(notation, output, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(new[] { "sockets", "--state", "bogus" }, "--state: unknown TCP state 'bogus' (valid: listen, established")]
    [InlineData(new[] { "sockets", "-4", "-6" }, "-4 and -6 exclude each other")]
    [InlineData(new[] { "sockets", "--port", "70000" }, "--port: port 70000 is out of range")]
    [InlineData(new[] { "sockets", "--format", "xml" }, "--format: unknown format 'xml'")]
    [InlineData(new[] { "sockets", "--json", "--format", "csv" }, "--json and --format csv")]
    [InlineData(new[] { "sockets", "--outbound", "--explain" }, "cannot be combined")]
    [InlineData(new[] { "sockets", "--pid", "0" }, "--pid 0 must be more than 0")]
    [InlineData(new[] { "who", "htps" }, "unknown service 'htps'; did you mean https")]
    public async Task BadInput_IsOneLine_ExitTwo(string[] args, string expected)
    {
        var (code, output, error) = await CliRunner.RunAsync(FakeSockets.Unreadable(new InvalidOperationException("read")), args);

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.StartsWith("reach: ", error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task MissingBaseline_IsOneLineNamingTheFile_ExitTwo()
    {
        var (code, _, error) = await CliRunner.RunAsync(FakeSockets.Sources(), "sockets", "--diff", _baseline);

        Assert.Equal(2, code);
        Assert.Equal($"reach: --diff: cannot read baseline '{_baseline}': no such file", error.TrimEnd());
    }

    [Fact]
    public async Task CorruptBaseline_IsOneLineNamingTheFile_ExitTwo()
    {
        await File.WriteAllTextAsync(_baseline, "{\"sockets\": [", TestContext.Current.CancellationToken);

        var (code, _, error) = await CliRunner.RunAsync(FakeSockets.Sources(), "sockets", "--diff", _baseline);

        Assert.Equal(2, code);
        Assert.StartsWith($"reach: --diff: '{_baseline}' is not a reach baseline", error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    [Theory]
    [InlineData("sockets")]
    [InlineData("who")]
    public async Task UnreadableTable_IsOneLine_ExitSixtyNine(string command)
    {
        var failure = new PlatformNotSupportedException("reading the socket table is not supported on Plan 9 yet");
        string[] args = command == "who" ? ["who", "80"] : ["sockets"];

        var (code, output, error) = await CliRunner.RunAsync(FakeSockets.Unreadable(failure), args);

        Assert.Equal(69, code);
        Assert.Empty(output);
        Assert.Equal("reach: cannot read the socket table: reading the socket table is not supported on Plan 9 yet", error.TrimEnd());
    }

    [Fact]
    public async Task Table_ShowsEachSocketWithOwnerAndExposure()
    {
        var (code, output, error) = await CliRunner.RunAsync(FakeSockets.Sources(), "sockets");

        Assert.Equal(0, code);
        Assert.Empty(error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Proto", lines[0], StringComparison.Ordinal);
        Assert.Matches(@"^tcp\s+0\.0\.0\.0:80\s+\*:\*\s+LISTEN\s+1234\s+nginx\s+root\s+any v4 \(public\)$", lines[1]);
        Assert.Matches(@"^tcp\s+\[::\]:80\s+\*:\*\s+LISTEN\s+1234\s+nginx\s+root\s+any v6 \(private\)$", lines[3]);
        Assert.Contains(lines, l => l.StartsWith("udp", StringComparison.Ordinal) && l.Contains("0.0.0.0:5353", StringComparison.Ordinal) && l.Contains("UNCONN", StringComparison.Ordinal));
    }

    [Fact]
    public async Task HiddenOwners_AreQuestionMarks_WithOneHintOnStderr()
    {
        var (code, output, error) = await CliRunner.RunAsync(FakeSockets.Sources(ownersIncomplete: true), "sockets", "--udp");

        Assert.Equal(0, code);
        Assert.Equal("reach: some owners are hidden: run as root (sudo reach sockets) to see them", error.TrimEnd());
        Assert.Matches(@"udp\s+0\.0\.0\.0:5353\s+\*:\*\s+UNCONN\s+\?\s+\?\s+\?", output);
    }

    [Fact]
    public async Task KernelOwnedSockets_AreDashes_WithTheUsersName_AndNoHint()
    {
        SocketEntry[] entries =
        [
            FakeSockets.Tcp("10.0.0.5:80", "10.0.0.9:50001", TcpSocketState.Established, null) with { OwnedByKernel = true, OwnerUser = "www-data" },
            FakeSockets.Tcp("10.0.0.5:80", "10.0.0.9:50002", TcpSocketState.TimeWait, null) with { OwnedByKernel = true },
        ];

        var (code, output, error) = await CliRunner.RunAsync(FakeSockets.Sources(entries), "sockets");
        var (_, json, _) = await CliRunner.RunAsync(FakeSockets.Sources(entries), "sockets", "--json");

        Assert.Equal(0, code);
        Assert.Empty(error);
        Assert.Matches(@"(?m)^tcp\s+10\.0\.0\.5:80\s+10\.0\.0\.9:50001\s+ESTABLISHED\s+-\s+-\s+www-data\s+private$", output);
        Assert.Matches(@"(?m)^tcp\s+10\.0\.0\.5:80\s+10\.0\.0\.9:50002\s+TIME_WAIT\s+-\s+-\s+-\s+private$", output);
        using var document = JsonDocument.Parse(json);
        var sockets = document.RootElement.GetProperty("sockets").EnumerateArray().ToList();
        Assert.Equal(JsonValueKind.Null, sockets[0].GetProperty("pid").ValueKind);
        Assert.Equal("www-data", sockets[0].GetProperty("user").GetString());
        Assert.Equal(JsonValueKind.Null, sockets[1].GetProperty("user").ValueKind);
    }

    [Fact]
    public async Task PortFilter_AlsoSaysWhoListens()
    {
        var (code, output, _) = await CliRunner.RunAsync(FakeSockets.Sources(), "sockets", "--port", "http");

        Assert.Equal(0, code);
        Assert.Contains("port 80 (http): 1 process listens", output, StringComparison.Ordinal);
        Assert.Contains("exe      /usr/sbin/nginx", output, StringComparison.Ordinal);
        Assert.DoesNotContain("5432", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SsFlags_AreAccepted_TulpnIsListeningTcpAndUdp()
    {
        var (code, output, error) = await CliRunner.RunAsync(FakeSockets.Sources(), "sockets", "-tulpn");
        var (_, listening, _) = await CliRunner.RunAsync(FakeSockets.Sources(), "sockets", "-l");

        Assert.Equal(0, code);
        Assert.Empty(error);
        Assert.Equal(listening, output);
        Assert.Equal(0, (await CliRunner.RunAsync(FakeSockets.Sources(), "sockets", "-tuanp")).ExitCode);
    }

    [Fact]
    public async Task Csv_HasAHeaderAndOneRowPerSocket()
    {
        var (code, output, _) = await CliRunner.RunAsync(FakeSockets.Sources(), "sockets", "--format", "csv", "--listening");

        Assert.Equal(0, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("proto,local_address,local_port,remote_address,remote_port,state,pid,process,user,exposure,reach,other_pids", lines[0]);
        Assert.Equal("tcp,0.0.0.0,80,0.0.0.0,0,listen,1234,nginx,root,any,public,", lines[1]);
        Assert.Equal(5, lines.Length);
    }

    [Fact]
    public async Task Csv_ASharedSocket_NamesTheLowestPid_AndTheOthers()
    {
        var (code, output, _) = await CliRunner.RunAsync(FakeSockets.Sources(FakeSockets.PreFork), "sockets", "--format", "csv", "--listening");

        Assert.Equal(0, code);
        Assert.Equal("tcp,0.0.0.0,8000,0.0.0.0,0,listen,3000,nginx,root,any,public,3001 3002", output.Split('\n')[1].TrimEnd());
    }

    [Fact]
    public async Task Table_ASharedSocket_ShowsEveryPidAndUser()
    {
        var (code, output, _) = await CliRunner.RunAsync(FakeSockets.Sources(FakeSockets.PreFork), "sockets", "--listening");

        Assert.Equal(0, code);
        Assert.Matches(@"(?m)^tcp\s+0\.0\.0\.0:8000\s+\*:\*\s+LISTEN\s+3000,3001,3002\s+nginx\s+root,www-data\s+any v4 \(public\)$", output);
    }

    [Fact]
    public async Task Table_AProcessNamedWithANewlineAndEsc_IsEscapedInItsCell()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() && HostileProcess.Python is not null, "a real process names itself through /proc (Linux, python3)");
        using var hostile = await HostileProcess.StartAsync();

        var (code, output, _) = await CliRunner.RunAsync("sockets", "--tcp", "--port", hostile.Port.ToString(CultureInfo.InvariantCulture));

        Assert.Equal(0, code);
        Assert.DoesNotContain("\u001b", output, StringComparison.Ordinal);
        Assert.DoesNotContain(output.Split('\n'), l => l.StartsWith("x ", StringComparison.Ordinal) || l.StartsWith("forged", StringComparison.Ordinal));
        Assert.Matches($@"(?m)^tcp\s+127\.0\.0\.1:{hostile.Port}\s+\*:\*\s+LISTEN\s+{hostile.Pid}\s+ev\\x1b\[7mil\\nx\s+\S+\s+loopback$", output);
    }

    [Fact]
    public async Task TableAndOutbound_SharedOwnersNamesAndUsersWithControlCharacters_AreEscaped()
    {
        var master = FakeSockets.Master with { Name = "a\u001b[2Jb" };
        var worker = FakeSockets.Worker1 with { Name = "c\nd", User = "w\rw" };
        SocketEntry[] entries =
        [
            FakeSockets.Tcp("0.0.0.0:8000", "0.0.0.0:0", TcpSocketState.Listen, null) with { Owners = [master, worker] },
            FakeSockets.Tcp("10.0.0.5:41000", "198.51.100.1:443", TcpSocketState.Established, worker),
        ];

        var (_, table, _) = await CliRunner.RunAsync(FakeSockets.Sources(entries), "sockets", "--listening");
        var (_, outbound, _) = await CliRunner.RunAsync(FakeSockets.Sources(entries), "sockets", "--outbound");

        Assert.Matches(@"(?m)^tcp\s+0\.0\.0\.0:8000\s+\*:\*\s+LISTEN\s+3000,3001\s+a\\x1b\[2Jb,c\\nd\s+root,w\\rw\s", table);
        Assert.Matches(@"(?m)^198\.51\.100\.1:443\s+public\s+1\s+ESTABLISHED\s+3001\s+c\\nd\s+w\\rw$", outbound);
    }

    [Fact]
    public async Task Csv_AProcessNameWithACarriageReturn_IsQuoted()
    {
        var owner = FakeSockets.Nginx with { Name = "a\rb" };
        var (_, output, _) = await CliRunner.RunAsync(FakeSockets.Sources([FakeSockets.Tcp("0.0.0.0:80", "0.0.0.0:0", TcpSocketState.Listen, owner)]), "sockets", "--format", "csv");

        Assert.Contains(",1234,\"a\rb\",root,", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Csv_AProcessOrUserNamedLikeAFormula_IsNeutralized_ThePidsStayNumbers()
    {
        // A process picks its own name (prctl, argv[0]); a spreadsheet would run these cells.
        var owner = FakeSockets.Nginx with { Name = "=HYPERLINK(\"http://evil.test\")", User = "-1+1" };
        var (_, output, _) = await CliRunner.RunAsync(FakeSockets.Sources([FakeSockets.Tcp("0.0.0.0:80", "0.0.0.0:0", TcpSocketState.Listen, owner)]), "sockets", "--format", "csv");

        Assert.Contains(",1234,\"'=HYPERLINK(\"\"http://evil.test\"\")\",'-1+1,any,", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Table_ManyHolders_ShowsTheFirstPidsAndHowManyMore()
    {
        var workers = Enumerable.Range(3001, 8).Select(pid => FakeSockets.Worker1 with { Pid = pid });
        SocketEntry[] entries = [FakeSockets.Tcp("0.0.0.0:8000", "0.0.0.0:0", TcpSocketState.Listen, null) with { Owners = [FakeSockets.Master, .. workers] }];

        var (_, output, _) = await CliRunner.RunAsync(FakeSockets.Sources(entries), "sockets");

        Assert.Matches(@"(?m)^tcp\s+0\.0\.0\.0:8000\s+\*:\*\s+LISTEN\s+3000,3001,3002,\+6\s+nginx\s+root,www-data\s", output);
    }

    [Fact]
    public async Task PidFilter_AWorker_ListsTheListenersItShares()
    {
        var (code, output, _) = await CliRunner.RunAsync(FakeSockets.Sources([.. FakeSockets.Default, .. FakeSockets.PreFork]), "sockets", "--pid", "3001");

        Assert.Equal(0, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Contains("0.0.0.0:8000", lines[1], StringComparison.Ordinal);
        Assert.Contains("[::]:8000", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outbound_GroupsByRemoteEndpointAndProcess()
    {
        var (code, output, _) = await CliRunner.RunAsync(FakeSockets.Sources(), "sockets", "--outbound");

        Assert.Equal(0, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Matches(@"^198\.51\.100\.1:443\s+public\s+1\s+ESTABLISHED\s+1234\s+nginx\s+root$", lines[1]);
    }

    [Fact]
    public async Task Baseline_SaveThenDiff_ReportsTheNewAndTheMoreExposedListener_ExitOne()
    {
        var (saved, savedOut, _) = await CliRunner.RunAsync(FakeSockets.Sources(), "sockets", "--save-baseline", _baseline);
        Assert.Equal(0, saved);
        Assert.Contains("saved 4 listeners", savedOut, StringComparison.Ordinal);

        var (same, sameOut, _) = await CliRunner.RunAsync(FakeSockets.Sources(), "sockets", "--diff", _baseline);
        Assert.Equal(0, same);
        Assert.Contains("no change", sameOut, StringComparison.Ordinal);

        SocketEntry[] changed =
        [
            .. FakeSockets.Default.Where(e => e.Row.Local.Port != 5432),
            FakeSockets.Tcp("0.0.0.0:5432", "0.0.0.0:0", TcpSocketState.Listen, FakeSockets.Postgres with { Pid = 3000 }),
            FakeSockets.Tcp("0.0.0.0:4444", "0.0.0.0:0", TcpSocketState.Listen, new ProcessOwner(4444, "nc", null, null, "nobody")),
        ];
        var (code, output, _) = await CliRunner.RunAsync(FakeSockets.Sources(changed), "sockets", "--diff", _baseline);

        Assert.Equal(1, code);
        Assert.Equal(
            [
                "appeared      tcp 0.0.0.0:4444  nc  any v4 (public)",
                "more exposed  tcp 0.0.0.0:5432  postgres  any v4 (public)  (was 127.0.0.1:5432, loopback)",
            ],
            output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Diff_ABaselineListenerOnAnInterfaceThatIsGone_IsWrittenWithItsZoneAsRecorded()
    {
        await File.WriteAllTextAsync(_baseline, """{"schema_version":1,"kind":"reach-sockets-baseline","listeners":[{"proto":"udp","process":"dhclient","port":546,"address":"fe80::50%nosuchif0","exposure":"link-local","reach":"link-local","ipv4":null}]}""", TestContext.Current.CancellationToken);

        var (code, output, _) = await CliRunner.RunAsync(FakeSockets.Sources(), "sockets", "--diff", _baseline, "--udp");

        Assert.Equal(1, code);
        Assert.Contains("disappeared   udp [fe80::50%nosuchif0]:546  dhclient  link-local", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diff_ABaselineProcessNameWithControlCharacters_IsEscaped()
    {
        await File.WriteAllTextAsync(_baseline, """{"schema_version":1,"kind":"reach-sockets-baseline","listeners":[{"proto":"tcp","process":"x\u001b]0;owned\u0007\ny","port":7,"address":"127.0.0.1","exposure":"loopback","reach":"loopback","ipv4":null}]}""", TestContext.Current.CancellationToken);

        var (code, output, _) = await CliRunner.RunAsync(FakeSockets.Sources(), "sockets", "--diff", _baseline, "--tcp");

        Assert.Equal(1, code);
        Assert.Contains("disappeared   tcp 127.0.0.1:7  x\\x1b]0;owned\\x07\\ny  loopback\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_WrittenToTheByteStreamOfStandardOutput_IsTheSameDocument()
    {
        using var bytes = new MemoryStream();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = new Reach.Cli.Infrastructure.CliConsole(output, error, OutIsTerminal: false, ErrorIsTerminal: false) { OutBytes = bytes };

        var code = await ReachApp.RunAsync(["sockets", "--json"], console, FakeSockets.Sources());
        var (_, viaText, _) = await CliRunner.RunAsync(FakeSockets.Sources(), "sockets", "--json");

        Assert.Equal(0, code);
        Assert.Empty(output.ToString());
        Assert.Equal(viaText, System.Text.Encoding.UTF8.GetString(bytes.ToArray()).Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Json_CarriesEachOwnersExecutablePathAndCommandLine_NullWhenHidden()
    {
        var (code, output, _) = await CliRunner.RunAsync(FakeSockets.Sources(), "sockets", "--json", "--listening");

        Assert.Equal(0, code);
        using var document = JsonDocument.Parse(output);
        var sockets = document.RootElement.GetProperty("sockets").EnumerateArray().ToList();
        var postgres = Assert.Single(sockets, s => s.GetProperty("local_port").GetInt32() == 5432);
        Assert.Equal("/usr/lib/postgresql/15/bin/postgres", postgres.GetProperty("exe").GetString());
        Assert.Equal("postgres -D /var/lib/postgresql", postgres.GetProperty("command_line").GetString());
        var nginx = sockets.Where(s => s.GetProperty("local_port").GetInt32() == 80).ToList();
        Assert.Equal(2, nginx.Count);
        Assert.All(nginx, s => Assert.Equal("/usr/sbin/nginx", s.GetProperty("exe").GetString()));
        Assert.All(nginx, s => Assert.Equal("nginx: master process /usr/sbin/nginx", s.GetProperty("command_line").GetString()));
        var hidden = Assert.Single(sockets, s => s.GetProperty("proto").GetString() == "udp");
        Assert.Equal(JsonValueKind.Null, hidden.GetProperty("exe").ValueKind);
        Assert.Equal(JsonValueKind.Null, hidden.GetProperty("command_line").ValueKind);
    }

    public static TheoryData<string> JsonShapes => ["list", "diff", "who"];

    [Theory]
    [MemberData(nameof(JsonShapes))]
    public async Task Json_ValidatesAgainstTheDocumentedSchema(string shape)
    {
        string[] args = ["sockets", "--json"];
        if (shape == "diff")
        {
            await File.WriteAllTextAsync(_baseline, """{"schema_version":1,"kind":"reach-sockets-baseline","listeners":[{"proto":"tcp","process":"nginx","port":80,"address":"127.0.0.1","exposure":"loopback","reach":"loopback","ipv4":null},{"proto":"tcp","process":"old","port":1,"address":"::1","exposure":"loopback","reach":"loopback","ipv4":null}]}""", TestContext.Current.CancellationToken);
            args = [.. args, "--diff", _baseline];
        }
        var entries = FakeSockets.Default;
        if (shape == "who")
        {
            // nginx and a hidden owner on port 80: both kinds of process entry.
            args = ["who", "80", "--json"];
            entries = [.. entries, FakeSockets.Tcp("127.0.0.1:80", "0.0.0.0:0", TcpSocketState.Listen, null)];
        }
        else
        {
            entries = [.. entries, .. FakeSockets.PreFork]; // other_owners filled in
        }

        var (code, output, error) = await CliRunner.RunAsync(FakeSockets.Sources(entries, ownersIncomplete: true), args);

        Assert.Equal(shape == "diff" ? 1 : 0, code);
        Assert.Contains("owners are hidden", error, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(output);
        var result = Schema.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        var problems = string.Join("; ", (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")));
        Assert.True(result.IsValid, problems + "\n" + output);
    }

    private static readonly Lazy<JsonSchema> Schema = new(() =>
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "docs", "schemas", "sockets.schema.json")))
        {
            directory = directory.Parent;
        }

        Assert.NotNull(directory);
        return JsonSchema.FromText(File.ReadAllText(Path.Combine(directory.FullName, "docs", "schemas", "sockets.schema.json")));
    });
}
