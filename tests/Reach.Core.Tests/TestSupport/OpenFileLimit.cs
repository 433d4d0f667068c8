using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Reach.Core.Tests.TestSupport;

/// <summary>
/// This process's RLIMIT_NOFILE, read and set directly (Linux), so tests can lower the soft limit the way a shell's
/// <c>ulimit -S -n</c> does. Lowering the soft limit, and raising it back up to the hard one, needs no privileges.
/// </summary>
[SupportedOSPlatform("linux")]
internal static partial class OpenFileLimit
{
    private const int RLimitNoFile = 7;

    public static (ulong Soft, ulong Hard) Read()
    {
        if (GetRLimit(RLimitNoFile, out var limit) != 0)
        {
            throw new InvalidOperationException($"getrlimit(RLIMIT_NOFILE) failed: errno {Marshal.GetLastPInvokeError()}");
        }

        return (limit.Current, limit.Maximum);
    }

    public static void SetSoft(ulong soft)
    {
        var limit = new RLimit(soft, Read().Hard);
        if (SetRLimit(RLimitNoFile, in limit) != 0)
        {
            throw new InvalidOperationException($"setrlimit(RLIMIT_NOFILE, {soft}) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    /// <summary>Descriptors this process has open now.</summary>
    public static int OpenDescriptors() => Directory.GetFileSystemEntries("/proc/self/fd").Length;

    [LibraryImport("libc", EntryPoint = "getrlimit", SetLastError = true)]
    private static partial int GetRLimit(int resource, out RLimit limit);

    [LibraryImport("libc", EntryPoint = "setrlimit", SetLastError = true)]
    private static partial int SetRLimit(int resource, in RLimit limit);

    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct RLimit(ulong Current, ulong Maximum);
}
