using Reach.Scanning;

namespace Reach.Core.Tests.Scanning;

public class HostListReaderTests
{
    [Fact]
    public void TryParseLines_ReadsEveryFormAndSkipsCommentsAndBlanks()
    {
        string[] lines =
        [
            "# lab networks",
            "10.0.0.0/24",
            "",
            "10.0.1.1-50   # printers",
            "  db01.corp.local  ",
            "fd00::/120",
        ];

        Assert.True(HostListReader.TryParseLines(lines, "hosts.txt", HostSpecRole.Target, out var specs, out var error), error);
        Assert.Equal(["10.0.0.0/24", "10.0.1.1-50", "db01.corp.local", "fd00::/120"], specs.Select(s => s.Text));
        Assert.True(specs[2].IsHostName);
    }

    [Fact]
    public void TryParseLines_BadLine_NamesFileAndLine()
    {
        Assert.False(HostListReader.TryParseLines(["10.0.0.1", "# c", "10.0.0.0/33"], "hosts.txt", HostSpecRole.Target, out _, out var error));
        Assert.Equal("hosts.txt:3: '10.0.0.0/33': prefix length 33 is out of range for IPv4 (0-32)", error);
    }

    [Fact]
    public void TryParseLines_EmptyTargetList_IsAnError()
    {
        Assert.False(HostListReader.TryParseLines(["# nothing", "  "], "empty.txt", HostSpecRole.Target, out _, out var error));
        Assert.Equal("empty.txt: no targets in the file", error);
    }

    [Fact]
    public void TryParseLines_EmptyExclusionList_ExcludesNothing()
    {
        Assert.True(HostListReader.TryParseLines([], "exclude.txt", HostSpecRole.Exclusion, out var specs, out var error), error);
        Assert.Empty(specs);
    }

    [Fact]
    public void TryParseLines_ExclusionsMayBeLarge()
    {
        Assert.True(HostListReader.TryParseLines(["fd00::/64"], "exclude.txt", HostSpecRole.Exclusion, out _, out var error), error);
        Assert.False(HostListReader.TryParseLines(["fd00::/64"], "hosts.txt", HostSpecRole.Target, out _, out error));
        Assert.StartsWith("hosts.txt:1: fd00::/64 has 2^64 addresses", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryRead_MissingFile_IsAnErrorNotAnException()
    {
        var path = Path.Combine(Path.GetTempPath(), "reach-missing-" + Guid.NewGuid().ToString("N") + ".txt");
        Assert.False(HostListReader.TryRead(path, HostSpecRole.Target, out _, out var error, TestContext.Current.CancellationToken));
        Assert.Contains("cannot read host file", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryRead_ReadsAFile()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(path, ["10.0.0.0/30", "db01"]);
            Assert.True(HostListReader.TryRead(path, HostSpecRole.Target, out var specs, out _, TestContext.Current.CancellationToken));
            Assert.Equal(2, specs.Count);

            File.WriteAllText(path, string.Empty);
            Assert.False(HostListReader.TryRead(path, HostSpecRole.Target, out _, out var error, TestContext.Current.CancellationToken));
            Assert.Equal($"{path}: no targets in the file", error);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
