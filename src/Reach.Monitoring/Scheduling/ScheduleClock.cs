using System.Text;
using Reach.Monitoring.Expansion;

namespace Reach.Monitoring.Scheduling;

/// <summary>
/// Where in its interval each target is probed. The offset is a hash of the target's key, so the targets of a
/// check spread evenly over the interval (no thundering herd), and a target keeps its slot across restarts and
/// reloads (and across agents sharing a config). Slots are aligned to the Unix epoch.
/// </summary>
internal static class ScheduleClock
{
    /// <summary>The target's offset within its interval: in [0, interval).</summary>
    public static TimeSpan OffsetOf(TargetKey key, TimeSpan interval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        return TimeSpan.FromTicks((long)(Fnv1a(key.ToString()) % (ulong)interval.Ticks));
    }

    /// <summary>The first slot of the target at or after <paramref name="notBefore"/>.</summary>
    public static DateTimeOffset NextSlot(TimeSpan offset, TimeSpan interval, DateTimeOffset notBefore)
    {
        var sinceEpoch = notBefore.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks - offset.Ticks;
        var periods = sinceEpoch <= 0 ? 0 : (sinceEpoch + interval.Ticks - 1) / interval.Ticks;
        return new DateTimeOffset(DateTimeOffset.UnixEpoch.UtcTicks + offset.Ticks + (periods * interval.Ticks), TimeSpan.Zero);
    }

    /// <summary>FNV-1a 64: stable across processes and platforms, unlike <see cref="string.GetHashCode()"/>.</summary>
    private static ulong Fnv1a(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        // FNV's low bits mix poorly for short, similar keys (10.0.0.1:80, 10.0.0.2:80): finish with a 64-bit mixer.
        hash ^= hash >> 33;
        hash *= 0xff51afd7ed558ccdUL;
        hash ^= hash >> 33;
        return hash;
    }
}
