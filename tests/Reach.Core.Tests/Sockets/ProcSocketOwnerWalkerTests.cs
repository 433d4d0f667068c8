using System.Runtime.Versioning;
using Reach.Sockets;

namespace Reach.Core.Tests.Sockets;

/// <summary>Walks a fake /proc tree: PID directories whose fd/ holds links like the kernel's <c>socket:[INODE]</c>.</summary>
[SupportedOSPlatform("linux")] // each test skips itself elsewhere
public sealed class ProcSocketOwnerWalkerTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("reach-proc-");

    [Theory]
    [InlineData("socket:[12345]", true, 12345UL)]
    [InlineData("socket:[18446744073709551615]", true, ulong.MaxValue)]
    [InlineData("socket:[18446744073709551616]", false, 0UL)]
    [InlineData("socket:[]", false, 0UL)]
    [InlineData("socket:[12a]", false, 0UL)]
    [InlineData("pipe:[12345]", false, 0UL)]
    [InlineData("/dev/null", false, 0UL)]
    public void TryParseSocketInode_ReadsOnlySocketLinks(string link, bool expected, ulong inode)
    {
        Assert.Equal(expected, ProcSocketOwnerWalker.TryParseSocketInode(System.Text.Encoding.ASCII.GetBytes(link), out var parsed));
        Assert.Equal(inode, parsed);
    }

    [Fact]
    public void FindOwners_PicksTheLowestPidOfSharedSockets_AndIgnoresOthers()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "readdir/readlinkat walk: Linux");
        Process(300, ("3", "socket:[111]"), ("4", "socket:[222]"), ("5", "pipe:[111]"));
        Process(20, ("0", "/dev/null"), ("7", "socket:[111]")); // forked child and parent share 111
        Process(4000, ("9", "socket:[999]")); // a socket not in the table
        Directory.CreateDirectory(Path.Join(_root.FullName, "self"));
        Directory.CreateDirectory(Path.Join(_root.FullName, "555")); // ended: no fd directory any more
        var owners = new Dictionary<ulong, int> { [111] = 0, [222] = 0, [333] = 0 };

        var hidden = ProcSocketOwnerWalker.FindOwners(owners, _root.FullName);

        Assert.False(hidden);
        Assert.Equal(new Dictionary<ulong, int> { [111] = 20, [222] = 300, [333] = 0 }, owners);
    }

    [Fact]
    public void FindOwners_NoProcDirectory_NamesIt()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "readdir/readlinkat walk: Linux");

        var error = Assert.Throws<SocketTableException>(() => ProcSocketOwnerWalker.FindOwners([], "/nonexistent/proc"));

        Assert.Contains("/nonexistent/proc", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _root.Delete(recursive: true);

    private void Process(int pid, params (string Fd, string Link)[] descriptors)
    {
        var fd = Directory.CreateDirectory(Path.Join(_root.FullName, pid.ToString(System.Globalization.CultureInfo.InvariantCulture), "fd"));
        foreach (var (name, link) in descriptors)
        {
            File.CreateSymbolicLink(Path.Join(fd.FullName, name), link);
        }
    }
}
