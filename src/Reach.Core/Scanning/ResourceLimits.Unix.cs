using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Reach.Scanning;

/// <summary>Linux and macOS: getrlimit / setrlimit(RLIMIT_NOFILE).</summary>
[SupportedOSPlatform("linux")]
[SupportedOSPlatform("macos")]
internal sealed partial class UnixResourceLimits : IResourceLimits
{
    private const long Fallback = 1024;

    public long RaiseOpenFileLimit()
    {
        var resource = OperatingSystem.IsMacOS() ? 8 : 7; // RLIMIT_NOFILE
        if (GetRLimit(resource, out var limit) != 0)
        {
            return Fallback;
        }

        if (limit.Current < limit.Maximum)
        {
            // macOS refuses a soft limit above OPEN_MAX (10240) even when the hard limit is "unlimited".
            var wanted = OperatingSystem.IsMacOS() ? Math.Min(limit.Maximum, 10240UL) : limit.Maximum;
            var raised = limit with { Current = wanted };
            if (SetRLimit(resource, in raised) == 0)
            {
                return (long)Math.Min(wanted, long.MaxValue);
            }
        }

        return (long)Math.Min(limit.Current, long.MaxValue);
    }

    [LibraryImport("libc", EntryPoint = "getrlimit", SetLastError = true)]
    private static partial int GetRLimit(int resource, out RLimit limit);

    [LibraryImport("libc", EntryPoint = "setrlimit", SetLastError = true)]
    private static partial int SetRLimit(int resource, in RLimit limit);

    /// <summary>struct rlimit: rlim_cur, rlim_max (64-bit).</summary>
    [StructLayout(LayoutKind.Sequential)]
    private record struct RLimit(ulong Current, ulong Maximum);
}
