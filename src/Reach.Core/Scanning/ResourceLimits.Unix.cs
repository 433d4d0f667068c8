using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Reach.Scanning;

/// <summary>
/// Linux and macOS: getrlimit / setrlimit(RLIMIT_NOFILE). The two differ in RLIMIT_NOFILE's number and in how far the
/// soft limit may rise: <see cref="ForLinux"/> and <see cref="ForMacOS"/>, picked by the chooser (PlatformServices).
/// </summary>
[SupportedOSPlatform("linux")]
[SupportedOSPlatform("macos")]
internal sealed partial class UnixResourceLimits : IResourceLimits
{
    private const long Fallback = 1024;
    private readonly int _resource;
    private readonly ulong _softLimitCap;

    private UnixResourceLimits(int resource, ulong softLimitCap)
    {
        _resource = resource;
        _softLimitCap = softLimitCap;
    }

    /// <summary>Linux: RLIMIT_NOFILE is 7; the soft limit may rise to the hard one.</summary>
    [SupportedOSPlatform("linux")]
    public static UnixResourceLimits ForLinux() => new(7, ulong.MaxValue);

    /// <summary>macOS: RLIMIT_NOFILE is 8; it refuses a soft limit above OPEN_MAX (10240) even when the hard limit is "unlimited".</summary>
    [SupportedOSPlatform("macos")]
    public static UnixResourceLimits ForMacOS() => new(8, 10240);

    public long RaiseOpenFileLimit()
    {
        if (GetRLimit(_resource, out var limit) != 0)
        {
            return Fallback;
        }

        if (limit.Current < limit.Maximum)
        {
            var wanted = Math.Min(limit.Maximum, _softLimitCap);
            var raised = limit with { Current = wanted };
            if (SetRLimit(_resource, in raised) == 0)
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
