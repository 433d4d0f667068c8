using System.Globalization;
using System.Text.Json;
using Reach.Sockets;

namespace Reach.Cli.Tests.Commands;

public class WhoCommandTests
{
    [Fact]
    public async Task Who_ListsTheProcess_ItsPathCommandLineUser_AndEachBindAddressWithItsExposure()
    {
        var (code, output, _) = await CliRunner.RunAsync(FakeSockets.Sources(), "who", "80");

        Assert.Equal(0, code);
        Assert.Contains("port 80 (http): 1 process listens", output, StringComparison.Ordinal);
        Assert.Contains("nginx  PID 1234  user root", output, StringComparison.Ordinal);
        Assert.Contains("exe      /usr/sbin/nginx", output, StringComparison.Ordinal);
        Assert.Contains("command  nginx: master process /usr/sbin/nginx", output, StringComparison.Ordinal);
        Assert.Contains("tcp  0.0.0.0:80  — any IPv4 address of this host: 10.0.0.5 (private), 127.0.0.1 (loopback), 203.0.113.7 (public); widest: public", output, StringComparison.Ordinal);
        Assert.Contains("tcp  [::]:80     — IPv6 only (V6ONLY on): any IPv6 address of this host: ::1 (loopback), fd00::5 (private); widest: private", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Who_APreForkServer_ListsTheMasterAndEachWorker_WithTheSocketsTheyShare()
    {
        var (code, output, _) = await CliRunner.RunAsync(FakeSockets.Sources([.. FakeSockets.Default, .. FakeSockets.PreFork]), "who", "8000");

        Assert.Equal(0, code);
        Assert.Contains("port 8000: 3 processes listen on 2 sockets, 2 of them shared", output, StringComparison.Ordinal);
        Assert.Contains("nginx  PID 3000  user root", output, StringComparison.Ordinal);
        Assert.Contains("nginx  PID 3001  user www-data", output, StringComparison.Ordinal);
        Assert.Contains("nginx  PID 3002  user www-data", output, StringComparison.Ordinal);
        Assert.Equal(3, output.Split('\n').Count(l => l.StartsWith("  tcp  0.0.0.0:8000", StringComparison.Ordinal)));
        Assert.Equal(3, output.Split('\n').Count(l => l.StartsWith("  tcp  [::]:8000", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Who_Json_APreForkServer_HasOneProcessPerPid()
    {
        var (code, output, _) = await CliRunner.RunAsync(FakeSockets.Sources([.. FakeSockets.Default, .. FakeSockets.PreFork]), "who", "8000", "--json");

        Assert.Equal(0, code);
        using var document = JsonDocument.Parse(output);
        var processes = document.RootElement.GetProperty("processes").EnumerateArray().ToList();
        Assert.Equal([3000, 3001, 3002], processes.Select(p => p.GetProperty("pid").GetInt32()));
        Assert.Equal(["nginx: master process /usr/sbin/nginx -c /etc/nginx/alt.conf", "nginx: worker process", "nginx: worker process"], processes.Select(p => p.GetProperty("command_line").GetString()));
        Assert.All(processes, p => Assert.Equal(["0.0.0.0", "::"], p.GetProperty("listeners").EnumerateArray().Select(l => l.GetProperty("local_address").GetString())));
    }

    [Fact]
    public async Task Who_AcceptsServiceNames()
    {
        var (code, output, _) = await CliRunner.RunAsync(FakeSockets.Sources(), "who", "postgresql");

        Assert.Equal(0, code);
        Assert.Contains("127.0.0.1:5432  — only this machine (loopback)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Who_NothingListens_SaysSo_ExitOne()
    {
        var (code, output, _) = await CliRunner.RunAsync(FakeSockets.Sources(), "who", "8080");

        Assert.Equal(1, code);
        Assert.Equal("nothing listens on port 8080 (http-alt)", output.TrimEnd());
    }

    [Fact]
    public async Task Who_AConnectionOnThePortIsNotAListener()
    {
        // 41000 is only the local side of an outbound connection.
        var (code, _, _) = await CliRunner.RunAsync(FakeSockets.Sources(), "who", "41000");

        Assert.Equal(1, code);
    }

    [Fact]
    public async Task Who_Json_ListsTheProcess_ItsPathCommandLineUser_AndEachBindAddressWithItsExposure()
    {
        var (code, output, error) = await CliRunner.RunAsync(FakeSockets.Sources(), "who", "80", "--json");

        Assert.Equal(0, code);
        Assert.Empty(error);
        using var document = JsonDocument.Parse(output);
        var root = document.RootElement;
        Assert.Equal(1, root.GetProperty("schema_version").GetInt32());
        Assert.Equal("fake", root.GetProperty("source").GetString());
        Assert.False(root.GetProperty("owners_incomplete").GetBoolean());
        Assert.Equal(80, root.GetProperty("port").GetInt32());
        Assert.Equal("http", root.GetProperty("service").GetString());

        var nginx = Assert.Single(root.GetProperty("processes").EnumerateArray());
        Assert.Equal(1234, nginx.GetProperty("pid").GetInt32());
        Assert.Equal("nginx", nginx.GetProperty("process").GetString());
        Assert.Equal("/usr/sbin/nginx", nginx.GetProperty("exe").GetString());
        Assert.Equal("nginx: master process /usr/sbin/nginx", nginx.GetProperty("command_line").GetString());
        Assert.Equal("root", nginx.GetProperty("user").GetString());

        // The two listeners, not the established connection on 10.0.0.5:80.
        var listeners = nginx.GetProperty("listeners").EnumerateArray().ToList();
        Assert.Equal(["0.0.0.0", "::"], listeners.Select(l => l.GetProperty("local_address").GetString()));
        Assert.All(listeners, l => Assert.Equal(("tcp", 80), (l.GetProperty("proto").GetString(), l.GetProperty("local_port").GetInt32())));
        var v4 = listeners[0].GetProperty("exposure");
        Assert.Equal(("any", "public"), (v4.GetProperty("class").GetString(), v4.GetProperty("reach").GetString()));
        Assert.Equal(["10.0.0.5", "127.0.0.1", "203.0.113.7"], v4.GetProperty("covers").EnumerateArray().Select(c => c.GetProperty("address").GetString()));
        Assert.Equal(JsonValueKind.Null, v4.GetProperty("ipv4").ValueKind);
        var v6 = listeners[1].GetProperty("exposure");
        Assert.Equal(("any", "private"), (v6.GetProperty("class").GetString(), v6.GetProperty("reach").GetString()));
        Assert.Equal(["::1", "fd00::5"], v6.GetProperty("covers").EnumerateArray().Select(c => c.GetProperty("address").GetString()));
        Assert.False(v6.GetProperty("ipv4").GetBoolean());
    }

    [Fact]
    public async Task Who_Json_AHiddenOwner_IsNulls_WithOwnersIncomplete_AndTheHintOnStderr()
    {
        var (code, output, error) = await CliRunner.RunAsync(FakeSockets.Sources(ownersIncomplete: true), "who", "5353", "--json");

        Assert.Equal(0, code);
        Assert.Equal("reach: some owners are hidden: run as root (sudo reach who 5353) to see them", error.TrimEnd());
        using var document = JsonDocument.Parse(output);
        var root = document.RootElement;
        Assert.True(root.GetProperty("owners_incomplete").GetBoolean());
        var hidden = Assert.Single(root.GetProperty("processes").EnumerateArray());
        foreach (var field in new[] { "pid", "process", "exe", "command_line", "user" })
        {
            Assert.Equal(JsonValueKind.Null, hidden.GetProperty(field).ValueKind);
        }

        var listener = Assert.Single(hidden.GetProperty("listeners").EnumerateArray());
        Assert.Equal(("udp", "0.0.0.0", 5353), (listener.GetProperty("proto").GetString(), listener.GetProperty("local_address").GetString(), listener.GetProperty("local_port").GetInt32()));
    }

    [Fact]
    public async Task Who_Json_NothingListens_NoProcesses_ExitOne()
    {
        var (code, output, _) = await CliRunner.RunAsync(FakeSockets.Sources(), "who", "8080", "--json");

        Assert.Equal(1, code);
        using var document = JsonDocument.Parse(output);
        Assert.Equal(8080, document.RootElement.GetProperty("port").GetInt32());
        Assert.Equal("http-alt", document.RootElement.GetProperty("service").GetString());
        Assert.Empty(document.RootElement.GetProperty("processes").EnumerateArray());
    }

    [Fact]
    public async Task Who_AProcessWhoseNameAndCommandLineHoldNewlinesAndEsc_IsPrintedEscaped_OnItsOwnLines()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() && HostileProcess.Python is not null, "a real process names itself through /proc (Linux, python3)");
        using var hostile = await HostileProcess.StartAsync();
        var port = hostile.Port.ToString(CultureInfo.InvariantCulture);

        var (code, output, _) = await CliRunner.RunAsync("who", port);
        var (jsonCode, json, _) = await CliRunner.RunAsync("who", port, "--json");

        Assert.Equal(0, code);
        Assert.DoesNotContain("\u001b", output, StringComparison.Ordinal);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal($"ev\\x1b[7mil\\nx  PID {hostile.Pid}  user {Environment.UserName}", lines[1]);
        var command = Assert.Single(lines, l => l.StartsWith("  command  ", StringComparison.Ordinal));
        Assert.EndsWith(" ev\\x1b[7mil\\nx first\\nforged: line \\x1b[31mred\\x1b[0m", command, StringComparison.Ordinal);
        Assert.Equal(5, lines.Length); // header, process, exe, command, socket: no line forged

        // JSON keeps the exact words: its own escaping makes them safe.
        Assert.Equal(0, jsonCode);
        using var document = JsonDocument.Parse(json);
        var process = Assert.Single(document.RootElement.GetProperty("processes").EnumerateArray());
        Assert.Equal(HostileProcess.Name, process.GetProperty("process").GetString());
        Assert.EndsWith(string.Join(' ', (string[])[HostileProcess.Name, .. HostileProcess.Arguments]), process.GetProperty("command_line").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Who_ControlCharactersInTheExecutablePathAndUserName_AreEscaped()
    {
        var owner = new ProcessOwner(4000, "tab\tname", "/tmp/a\rb", "cmd \u202egnp.exe", "us\u0000er");
        var sources = FakeSockets.Sources([FakeSockets.Tcp("127.0.0.1:9000", "0.0.0.0:0", TcpSocketState.Listen, owner)]);

        var (code, output, _) = await CliRunner.RunAsync(sources, "who", "9000");

        Assert.Equal(0, code);
        Assert.Contains("tab\\tname  PID 4000  user us\\x00er\n", output, StringComparison.Ordinal);
        Assert.Contains("  exe      /tmp/a\\rb\n", output, StringComparison.Ordinal);
        Assert.Contains("  command  cmd \\u202egnp.exe\n", output, StringComparison.Ordinal);
    }
}
