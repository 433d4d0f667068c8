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
    public void FindOwners_RecordsEveryProcessHoldingASocket_LowestPidFirst_AndIgnoresOthers()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "readdir/readlinkat walk: Linux");
        Process(300, ("3", "socket:[111]"), ("4", "socket:[222]"), ("5", "pipe:[111]"), ("6", "socket:[111]")); // 6: a dup of 3
        Process(20, ("0", "/dev/null"), ("7", "socket:[111]")); // forked child and parent share 111
        Process(4000, ("9", "socket:[999]")); // a socket not in the table
        Directory.CreateDirectory(Path.Join(_root.FullName, "self"));
        Directory.CreateDirectory(Path.Join(_root.FullName, "555")); // ended: no fd directory any more
        var owners = new InodeOwners([111, 222, 333]);

        var hidden = ProcSocketOwnerWalker.FindOwners(owners, _root.FullName);

        Assert.False(hidden);
        Assert.Equal([20, 300], owners.Of(111));
        Assert.Equal([300], owners.Of(222));
        Assert.Empty(owners.Of(333));
        Assert.Empty(owners.Of(999));
    }

    [Fact]
    public void FindOwners_KeepsWalkingAfterEverySocketHasAnOwner_PreForkWorkersCount()
    {
        // A pre-fork server: the master opens the listeners, its workers inherit them. Each socket has an owner
        // once the master is read; the workers are owners all the same.
        Assert.SkipUnless(OperatingSystem.IsLinux(), "readdir/readlinkat walk: Linux");
        Process(1000, ("6", "socket:[501]"), ("7", "socket:[502]"));
        Process(1001, ("6", "socket:[501]"), ("7", "socket:[502]"), ("8", "socket:[503]"));
        Process(1002, ("6", "socket:[501]"), ("7", "socket:[502]"));
        var owners = new InodeOwners([501, 502, 503]);

        ProcSocketOwnerWalker.FindOwners(owners, _root.FullName);

        Assert.Equal([1000, 1001, 1002], owners.Of(501));
        Assert.Equal([1000, 1001, 1002], owners.Of(502));
        Assert.True(owners.TryGetSingle(503, out var only));
        Assert.Equal(1001, only);
        Assert.False(owners.TryGetSingle(501, out _));
    }

    [Fact]
    public void FindOwners_NoProcDirectory_NamesIt()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "readdir/readlinkat walk: Linux");

        var error = Assert.Throws<SocketTableException>(() => ProcSocketOwnerWalker.FindOwners(new InodeOwners([1]), "/nonexistent/proc"));

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
