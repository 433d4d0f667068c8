using System.Text;
using Reach.Sockets;

namespace Reach.Core.Tests.Sockets;

public class ProcProcessReaderTests
{
    [Fact]
    public void CommandLine_NulSeparatedArguments_BecomeSpaces()
    {
        Assert.Equal("/usr/sbin/nginx -g daemon off;", ProcProcessReader.CommandLine(Encoding.UTF8.GetBytes("/usr/sbin/nginx\0-g\0daemon off;\0")));
    }

    [Fact]
    public void CommandLine_Empty_IsNull()
    {
        Assert.Null(ProcProcessReader.CommandLine([]));
        Assert.Null(ProcProcessReader.CommandLine(null));
    }

    [Fact]
    public void ReadEffectiveUid_TakesTheSecondNumberOfUid()
    {
        Assert.Equal(33, ProcProcessReader.ReadEffectiveUid("Name:\tnginx\nUmask:\t0022\nUid:\t0\t33\t33\t33\nGid:\t0\t0\t0\t0\n"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Name:\tx\n")]
    [InlineData("Uid:\t0\n")]
    [InlineData("Uid:\tx\ty\n")]
    public void ReadEffectiveUid_Missing_IsNull(string? status)
    {
        Assert.Null(ProcProcessReader.ReadEffectiveUid(status));
    }

    [Fact]
    public void Read_FakeProcDirectory_FillsEveryField()
    {
        var root = Directory.CreateTempSubdirectory("reach-proc-");
        try
        {
            var process = Directory.CreateDirectory(Path.Join(root.FullName, "123"));
            File.WriteAllText(Path.Join(process.FullName, "comm"), "sshd\n");
            File.WriteAllBytes(Path.Join(process.FullName, "cmdline"), Encoding.UTF8.GetBytes("sshd: /usr/sbin/sshd -D\0"));
            File.WriteAllText(Path.Join(process.FullName, "status"), "Name:\tsshd\nUid:\t0\t0\t0\t0\n");
            File.CreateSymbolicLink(Path.Join(process.FullName, "exe"), "/usr/sbin/sshd");
            var users = new UserNames("/nonexistent/passwd");

            var owner = new ProcProcessReader(users, root.FullName).Read(123);

            Assert.Equal(new ProcessOwner(123, "sshd", "/usr/sbin/sshd", "sshd: /usr/sbin/sshd -D", "0"), owner);
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    [Fact]
    public void Read_VanishedProcess_KeepsThePidOnly()
    {
        var owner = new ProcProcessReader(new UserNames("/nonexistent/passwd"), "/nonexistent/proc").Read(99);

        Assert.Equal(new ProcessOwner(99, null, null, null, null), owner);
    }
}
