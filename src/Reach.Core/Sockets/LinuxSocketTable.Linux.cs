using System.Runtime.Versioning;

namespace Reach.Sockets;

/// <summary>
/// Linux: the sockets of the calling thread's network namespace from netlink sock_diag (or /proc/net when sock_diag is
/// unavailable), joined with every process holding each of them through one walk of /proc/PID/fd.
/// </summary>
/// <param name="useNetlink">False reads /proc/net only (tests compare the two sources).</param>
[SupportedOSPlatform("linux")]
internal sealed class LinuxSocketTable(bool useNetlink = true) : ISocketTable
{
    public const string NetlinkSource = "netlink sock_diag";
    public const string ProcNetSource = "/proc/net";

    /// <summary>Why the last read fell back to /proc/net; null when it used netlink.</summary>
    public string? FallbackReason { get; private set; }

    public SocketSnapshot Read(SocketProtocols protocols)
    {
        var rows = new List<SocketRow>();
        var source = NetlinkSource;
        FallbackReason = useNetlink ? LinuxNetlinkSocketReader.TryRead(protocols, rows) : "netlink not asked for";
        if (FallbackReason is not null)
        {
            rows.Clear();
            ProcNetSocketReader.Read(protocols, rows);
            source = ProcNetSource;
        }

        var owners = new InodeOwners(rows.Select(r => r.Inode));
        var hidden = ProcSocketOwnerWalker.FindOwners(owners);
        var users = new UserNames();
        var processes = new ProcProcessReader(users);
        return SocketOwnerJoin.Join(rows, owners, processes.Read, users.Name, hidden, source);
    }
}
