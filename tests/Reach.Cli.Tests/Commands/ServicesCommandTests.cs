namespace Reach.Cli.Tests.Commands;

public class ServicesCommandTests
{
    [Theory]
    [InlineData("rdp", "3389")]
    [InlineData("RDP", "ms-wbt-server")]
    [InlineData("445", "microsoft-ds")]
    [InlineData("https", "443")]
    public async Task Lookup_ShowsTheEntry(string query, string expected)
    {
        var (code, output, _) = await CliRunner.RunAsync("services", query);

        Assert.Equal(0, code);
        Assert.Contains(expected, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoArgument_ListsTheWholeTable()
    {
        var (code, output, _) = await CliRunner.RunAsync("services");

        Assert.Equal(0, code);
        foreach (var name in new[] { "ssh", "domain", "kerberos", "ldap", "ldaps", "microsoft-ds", "mysql", "postgresql", "ms-sql-s", "redis" })
        {
            Assert.Contains(name, output, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("htps", "did you mean https")]
    [InlineData("70000", "out of range")]
    public async Task Unknown_ExitsTwo_WithSuggestions(string query, string expected)
    {
        var (code, _, error) = await CliRunner.RunAsync("services", query);

        Assert.Equal(2, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }
}
