using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Reach.Lab.Tests.Lab;
using Reach.Sockets;

namespace Reach.Lab.Tests.Sockets;

/// <summary>
/// One read of a large table (a bounded number of loopback connections inside the test's own namespace) against
/// <c>ss -tuanp</c> on the same namespace: every socket there, every owner right. Speed is judged by bench/sockets.sh,
/// not here; the times are only logged. REACH_SOCKETS_LAB_CONNECTIONS sets the number (default 2,500: 5,001
/// sockets), capped by the descriptor limit; REACH_SOCKETS_LAB_REPORT names a file the measurement is appended to.
/// </summary>
[SupportedOSPlatform("linux")] // RequireLab skips elsewhere
public sealed partial class SocketTableLargeLabTests(LabFixture lab, ITestOutputHelper output)
{
    private const int DefaultConnections = 2500;
    private const int MaxConnections = 20000;

    [Fact]
    public async Task Read_ThousandsOfSockets_ReportsAsManyAsSsWithTheirOwner()
    {
        lab.RequireLab();
        var connections = Math.Clamp(
            int.TryParse(Environment.GetEnvironmentVariable("REACH_SOCKETS_LAB_CONNECTIONS"), CultureInfo.InvariantCulture, out var n) ? n : DefaultConnections,
            1,
            MaxConnections);
        // Both ends of every connection live in this process: stay within its descriptor limit.
        connections = Math.Min(connections, (RaiseOpenFileLimit() - Directory.GetFiles("/proc/self/fd").Length - 500) / 2);
        await using var space = await SocketTableNamespace.CreateAsync(lab.IpPath);
        using var sockets = new NamespaceSockets();
        sockets.OpenIn(space.Name, list =>
        {
            var listener = NamespaceSockets.Listen(list, new IPEndPoint(IPAddress.Loopback, 7200), backlog: 4096);
            for (var i = 0; i < connections; i++)
            {
                NamespaceSockets.Connect(list, listener, IPAddress.Loopback);
            }
        });

        var table = new LinuxSocketTable();
        var (readTime, snapshot) = Best(() => NetworkNamespace.Run(space.Name, () => table.Read(SocketProtocols.All)));
        var ssTime = TimeSpan.MaxValue;
        var ssLines = 0;
        for (var i = 0; i < 3; i++)
        {
            var ss = await space.RunAsync("ss", "-tuanp");
            Assert.Equal(0, ss.ExitCode);
            ssTime = ss.Elapsed < ssTime ? ss.Elapsed : ssTime;
            ssLines = ss.StdOut.Count(c => c == '\n') - 1; // without the header
        }

        var measured = $"{snapshot.Entries.Count} sockets: LinuxSocketTable.Read {readTime.TotalMilliseconds:F1} ms (in process, best of 3); "
            + $"ip netns exec ss -tuanp {ssTime.TotalMilliseconds:F1} ms (best of 3, {ssLines} lines)";
        output.WriteLine(measured);
        if (Environment.GetEnvironmentVariable("REACH_SOCKETS_LAB_REPORT") is { Length: > 0 } report)
        {
            await File.AppendAllTextAsync(report, measured + "\n", TestContext.Current.CancellationToken);
        }

        Assert.Equal((2 * connections) + 1, snapshot.Entries.Count);
        Assert.Equal(ssLines, snapshot.Entries.Count);
        Assert.All(snapshot.Entries, e => Assert.Equal(Environment.ProcessId, e.Owner?.Pid));
    }

    private static (TimeSpan Best, T Result) Best<T>(Func<T> action)
    {
        var result = action(); // warm up (JIT)
        var best = TimeSpan.MaxValue;
        for (var i = 0; i < 3; i++)
        {
            var watch = Stopwatch.StartNew();
            result = action();
            best = watch.Elapsed < best ? watch.Elapsed : best;
        }

        return (best, result);
    }

    /// <summary>Raises the soft descriptor limit to the hard one; returns the limit.</summary>
    private static int RaiseOpenFileLimit()
    {
        var limit = new RLimit();
        if (GetRLimit(RLimitNoFile, ref limit) != 0)
        {
            return 1024;
        }

        limit.Current = limit.Maximum;
        _ = SetRLimit(RLimitNoFile, ref limit);
        return (int)Math.Min(limit.Current, int.MaxValue);
    }

    private const int RLimitNoFile = 7;

    [StructLayout(LayoutKind.Sequential)]
    private struct RLimit
    {
        public ulong Current;
        public ulong Maximum;
    }

    [LibraryImport("libc", EntryPoint = "getrlimit", SetLastError = true)]
    private static partial int GetRLimit(int resource, ref RLimit limit);

    [LibraryImport("libc", EntryPoint = "setrlimit", SetLastError = true)]
    private static partial int SetRLimit(int resource, ref RLimit limit);
}
