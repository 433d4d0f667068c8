using Reach.Targets;

namespace Reach.Core.Tests.Targets;

public class TargetListReaderTests
{
    [Fact]
    public void TryParseLines_ReadsEveryFormAndSkipsCommentsAndBlanks()
    {
        string[] lines =
        [
            "# domain controllers",
            "dc01",
            "",
            "dc02:389   # ldap",
            "  dc03 636  ",
            "[fd00::5]:443",
            "10.0.0.9 https",
        ];

        Assert.True(TargetListReader.TryParseLines(lines, "servers.txt", out var targets, out var error), error);
        Assert.Equal(["dc01", "dc02", "dc03", "fd00::5", "10.0.0.9"], targets.Select(t => t.Host));
        Assert.Equal([null, 389, 636, 443, 443], targets.Select(t => t.Port?.Number));
    }

    [Fact]
    public void TryParseLines_BadLine_NamesFileAndLine()
    {
        Assert.False(TargetListReader.TryParseLines(["ok", "# c", "srv:99999"], "servers.txt", out _, out var error));
        Assert.StartsWith("servers.txt:3: ", error, StringComparison.Ordinal);
        Assert.Contains("99999", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParseLines_OnlyComments_IsAnError()
    {
        Assert.False(TargetListReader.TryParseLines(["# nothing", ""], "empty.txt", out _, out var error));
        Assert.Contains("no targets", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryRead_MissingFile_IsAnErrorNotAnException()
    {
        var path = Path.Combine(Path.GetTempPath(), "reach-missing-" + Guid.NewGuid().ToString("N") + ".txt");
        Assert.False(TargetListReader.TryRead(path, out _, out var error, TestContext.Current.CancellationToken));
        Assert.Contains("cannot read target file", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryRead_ReadsAFile()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(path, ["a.lab:22", "b.lab 80"]);
            Assert.True(TargetListReader.TryRead(path, out var targets, out _, TestContext.Current.CancellationToken));
            Assert.Equal(2, targets.Count);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
