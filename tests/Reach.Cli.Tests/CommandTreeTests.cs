using System.CommandLine;
using System.CommandLine.Help;
using Reach.Cli.Commands;
using Reach.Cli.Infrastructure;

namespace Reach.Cli.Tests;

/// <summary>
/// A cold start builds what the run can use (issue 13, item 29): the named command alone, and the help and version
/// options (whose descriptions come through a ResourceManager, reflection over every assembly under NativeAOT) only
/// where they can be meant.
/// </summary>
public class CommandTreeTests
{
    private static readonly CliConsole Console = new(TextWriter.Null, TextWriter.Null, OutIsTerminal: false, ErrorIsTerminal: false);

    [Fact]
    public void NamedCommand_IsTheOnlyOne_WithoutHelpOrVersion()
    {
        var root = Build("check", "db01", "5432", "--quiet");

        Assert.Equal(["check"], root.Subcommands.Select(c => c.Name));
        Assert.DoesNotContain(root.Options, o => o is HelpOption or VersionOption);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("-?")]
    public void NamedCommand_AskedForHelp_HasTheHelpOption(string help)
    {
        var root = Build("check", help);

        Assert.Equal(["check"], root.Subcommands.Select(c => c.Name));
        Assert.Contains(root.Options, o => o is HelpOption);
    }

    [Theory]
    [InlineData]
    [InlineData("--version")]
    [InlineData("chek")]
    public void NoCommandNamed_IsTheWholeTree_WithHelpAndVersion(params string[] args)
    {
        var root = Build(args);

        Assert.Equal(12, root.Subcommands.Count);
        Assert.Contains(root.Options, o => o is HelpOption);
        Assert.Contains(root.Options, o => o is VersionOption);
    }

    private static Command Build(params string[] args) => CommandTree.Build(args, Console, SocketSources.System, TimeProvider.System);
}
