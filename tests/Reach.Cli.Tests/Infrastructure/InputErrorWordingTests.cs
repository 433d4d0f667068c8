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
}
