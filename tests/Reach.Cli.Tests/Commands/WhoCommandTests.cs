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
}
