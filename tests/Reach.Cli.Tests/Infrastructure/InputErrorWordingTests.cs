namespace Reach.Cli.Tests.Infrastructure;

/// <summary>Bad input is one plain line naming the bad part: no .NET type names, no runtime resource keys.</summary>
public class InputErrorWordingTests
{
    [Theory]
    [InlineData("reach: --pid: 'abc' is not a whole number (see 'reach sockets --help')", "sockets", "--pid", "abc")]
    [InlineData("reach: --top: 'x' is not a whole number (see 'reach scan --help')", "scan", "10.0.0.1", "--top", "x", "--list")]
    [InlineData("reach: --count: 'z' is not a whole number (see 'reach ping --help')", "ping", "127.0.0.1", "80", "-n", "z")]
    public async Task NotANumber_NamesTheOptionAndTheValue(string expected, params string[] args)
    {
        var (code, _, error) = await CliRunner.RunAsync(args);

        Assert.Equal(2, code);
        Assert.Equal(expected, error.TrimEnd());
    }

    [Theory]
    [InlineData("reach: cannot read host file '/nonexistent-reach-test/hosts.txt': no such directory", "scan", "-i", "/nonexistent-reach-test/hosts.txt", "-p", "22", "--list")]
    [InlineData("reach: /nonexistent-reach-test/reach.yaml: cannot read the configuration: no such directory", "watch", "-c", "/nonexistent-reach-test/reach.yaml", "--check-config")]
    [InlineData("reach: -o: cannot write '/nonexistent-reach-test/out.txt': no such directory", "scan", "10.0.0.1", "-p", "22", "--list", "-o", "/nonexistent-reach-test/out.txt")]
    public async Task MissingFile_IsSaidInWords(string expected, params string[] args)
    {
        var (code, _, error) = await CliRunner.RunAsync(args);

        Assert.Equal(2, code);
        Assert.Equal(expected, error.TrimEnd());
    }

    [Theory]
    [InlineData("check", "\u001b[31mred", "{port}", "--no-ping")]
    [InlineData("check", "127.0.0.1", "\u001b]0;owned\u0007", "--no-ping")]
    [InlineData("scan", "--list", "-p", "22", "10.0.0.1-\u001b[2J")]
    [InlineData("scan", "--list", "-p", "ssh\r\nfake", "10.0.0.1")]
    [InlineData("ping", "evil\u202ecod.example\u0000", "{port}", "-n", "1")]
    [InlineData("wait", "127.0.0.1:{port}\n\u001b[1A", "--closed", "--timeout", "1s")]
    [InlineData("check", "127.0.0.1", "{port}", "--no-ping", "--timeout", "1\u001b[2J")]
    [InlineData("check", "--\u001b[31mcolor")]
    [InlineData("scan", "--list", "-p", "22", "10.0.0.1", "--top", "\u001b[31m")]
    public async Task ControlCharactersFromTheCommandLine_AreEscaped_InOneLine(params string[] args)
    {
        var (code, output, error) = await CliRunner.RunAsync(WithClosedPort(args));

        Assert.Equal(2, code);
        Assert.Empty(output);
        AssertOnePrintableLine(error);
    }

    [Fact]
    public async Task ControlCharactersFromTheCommandLine_AreShownAsEscapes()
    {
        var (_, _, error) = await CliRunner.RunAsync(WithClosedPort(["check", "\u001b[31mred", "{port}", "--no-ping"]));

        Assert.Equal(@"reach: '\x1b[31mred' is not a valid host name", error.TrimEnd('\n'));
    }

    [Theory]
    [InlineData("check")]
    [InlineData("scan")]
    public async Task ControlCharactersInAnInputFile_AreEscaped(string command)
    {
        var path = Path.Combine(Path.GetTempPath(), $"reach-hostile-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(path, "127.0.0.1\nbad\u0000name\u001b[2J\u0007\n", TestContext.Current.CancellationToken);
        try
        {
            var (code, _, error) = await CliRunner.RunAsync(WithClosedPort(command == "scan" ? ["scan", "--list", "-p", "22", "-i", path] : ["check", "-p", "{port}", "--no-ping", "-i", path]));

            Assert.Equal(2, code);
            Assert.Equal($@"reach: {path}:2: 'bad\x00name\x1b[2J\x07' is not a valid host name", error.TrimEnd('\n'));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("check", "target")]
    [InlineData("scan", "host")]
    public async Task EmptyInputFileName_SaysSo(string command, string what)
    {
        var (code, _, error) = await CliRunner.RunAsync(command == "scan" ? ["scan", "--list", "-p", "22", "-i", ""] : ["check", "-p", "1", "--no-ping", "-i", ""]);

        Assert.Equal(2, code);
        Assert.Equal($"reach: cannot read {what} file '': the file name is empty", error.TrimEnd('\n'));
    }

    [Theory]
    [InlineData("check", "target")]
    [InlineData("scan", "host")]
    public async Task DirectoryAsInputFile_SaysItIsADirectory(string command, string what)
    {
        var directory = Directory.CreateTempSubdirectory("reach-dir-").FullName;
        try
        {
            var (code, _, error) = await CliRunner.RunAsync(command == "scan" ? ["scan", "--list", "-p", "22", "-i", directory] : ["check", "-p", "1", "--no-ping", "-i", directory]);

            Assert.Equal(2, code);
            Assert.Equal($"reach: cannot read {what} file '{directory}': it is a directory", error.TrimEnd('\n'));
        }
        finally
        {
            Directory.Delete(directory);
        }
    }

    [Theory]
    [InlineData("check", "target")]
    [InlineData("scan", "host")]
    public async Task EndlessInputFile_IsRefusedAtTheLineLimit(string command, string what)
    {
        Assert.SkipUnless(File.Exists("/dev/zero"), "needs /dev/zero");

        var (code, _, error) = await CliRunner.RunAsync(command == "scan" ? ["scan", "--list", "-p", "22", "-i", "/dev/zero"] : ["check", "-p", "1", "--no-ping", "-i", "/dev/zero"]);

        Assert.Equal(2, code);
        Assert.Equal($"reach: /dev/zero:1: the line is longer than 4096 characters, the most a {what} file line may have", error.TrimEnd('\n'));
    }

    [Fact]
    public async Task InputFileOverTheSizeLimit_IsRefused_NamingFileLineAndLimit()
    {
        var path = Path.Combine(Path.GetTempPath(), $"reach-big-{Guid.NewGuid():N}.txt");
        // Comment lines of 128 bytes: the size limit comes before the line limit.
        var bytes = new byte[Reach.Text.ListFile.MaxFileBytes + 2];
        Array.Fill(bytes, (byte)'#');
        for (var i = 127; i < bytes.Length; i += 128)
        {
            bytes[i] = (byte)'\n';
        }

        await File.WriteAllBytesAsync(path, bytes, TestContext.Current.CancellationToken);
        try
        {
            var (code, _, error) = await CliRunner.RunAsync("scan", "--list", "-p", "22", "-i", path);

            Assert.Equal(2, code);
            Assert.Matches($@"^reach: {System.Text.RegularExpressions.Regex.Escape(path)}:\d+: the file goes on past 16 MiB, the most reach reads from a host file\n$", error);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    // Every form means a loopback address and every port is one this test opened and closed: even if a form slipped
    // through, nothing would leave the machine or reach a service the test does not own.
    [InlineData("0x7f.1", "127.0.0.1", "check", "0x7f.1", "{port}", "--no-ping")]
    [InlineData("0x7f.1", "127.0.0.1", "check", "0x7f.1:{port}", "--no-ping")]
    [InlineData("127.1", "127.0.0.1", "check", "127.1", "{port}", "--no-ping")]
    [InlineData("0177.0.0.1", "127.0.0.1", "check", "0177.0.0.1:{port}", "--no-ping")]
    [InlineData("2130706433", "127.0.0.1", "check", "2130706433:{port}", "--no-ping")]
    [InlineData("0x7f.1", "127.0.0.1", "scan", "--list", "-p", "22", "0x7f.1")]
    [InlineData("127.1", "127.0.0.1", "scan", "--list", "-p", "22", "127.1")]
    [InlineData("0x7f", "0.0.0.127", "scan", "--list", "-p", "22", "0x7f")]
    [InlineData("010.0.0.1", "8.0.0.1", "scan", "--list", "-p", "22", "010.0.0.1")]
    [InlineData("0x7f.1", "127.0.0.1", "scan", "--list", "-p", "22", "10.0.0.1", "--exclude", "0x7f.1")]
    [InlineData("0x7f.1", "127.0.0.1", "ping", "0x7f.1", "{port}", "-n", "1", "-t", "200ms")]
    [InlineData("127.1", "127.0.0.1", "ping", "127.1:{port}", "-n", "1", "-t", "200ms")]
    [InlineData("0x7f.1", "127.0.0.1", "wait", "0x7f.1:{port}", "--closed", "--timeout", "1s")]
    [InlineData("0177.0.0.1", "127.0.0.1", "wait", "0177.0.0.1:{port}", "--closed", "--timeout", "1s")]
    [InlineData("0x7f.1", "127.0.0.1", "trace", "0x7f.1", "{port}", "-m", "1", "-n", "--timeout", "200ms")]
    [InlineData("127.1", "127.0.0.1", "trace", "127.1", "{port}", "-m", "1", "-n", "--timeout", "200ms")]
    public async Task IPv4InAnyFormButTheDottedQuad_IsRefusedTheSameWay_ByEveryCommand(string host, string meaning, params string[] args)
    {
        var (code, _, error) = await CliRunner.RunAsync(WithClosedPort(args));

        Assert.Equal(2, code);
        Assert.EndsWith(
            $"'{host}' is not a valid IPv4 address: write four decimal numbers without leading zeros (other tools would read it as {meaning})\n",
            error,
            StringComparison.Ordinal);
        AssertOnePrintableLine(error);
    }

    [Theory]
    [InlineData("check")]
    [InlineData("scan")]
    public async Task IPv4ShortFormInAnInputFile_IsRefused(string command)
    {
        var path = Path.Combine(Path.GetTempPath(), $"reach-ipv4-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(path, "127.0.0.1\n0x7f.1\n", TestContext.Current.CancellationToken);
        try
        {
            var (code, _, error) = await CliRunner.RunAsync(WithClosedPort(command == "scan" ? ["scan", "--list", "-p", "22", "-i", path] : ["check", "-p", "{port}", "--no-ping", "-i", path]));

            Assert.Equal(2, code);
            Assert.Equal($"reach: {path}:2: '0x7f.1' is not a valid IPv4 address: write four decimal numbers without leading zeros (other tools would read it as 127.0.0.1)\n", error);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>
    /// Puts a port this test opened and closed where the arguments say {port}: a command that wrongly accepted its
    /// input would connect only there (refused, on loopback), never to a service the test does not own.
    /// </summary>
    private static string[] WithClosedPort(string[] args)
    {
        var port = CliRunner.ClosedPort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        return [.. args.Select(a => a.Replace("{port}", port, StringComparison.Ordinal))];
    }

    private static void AssertOnePrintableLine(string error)
    {
        Assert.StartsWith("reach: ", error, StringComparison.Ordinal);
        Assert.EndsWith("\n", error, StringComparison.Ordinal);
        var line = error[..^1];
        Assert.True(Reach.Text.Printable.IsPrintable(line), $"not one printable line: {Reach.Text.Printable.OneLine(error)}");
    }
}
