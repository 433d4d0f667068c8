using Reach.Monitoring.Probing;

namespace Reach.Monitoring.Store;

/// <summary>How values are kept in both stores: times as Unix milliseconds (UTC), round trips as microseconds.</summary>
internal static class StoredValues
{
    public static long ToMs(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    public static long? ToMs(DateTimeOffset? time) => time?.ToUnixTimeMilliseconds();

    public static DateTimeOffset FromMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    public static long? ToMicroseconds(TimeSpan? duration) => duration is { } d ? d.Ticks / 10 : null;

    public static TimeSpan FromMicroseconds(long us) => TimeSpan.FromTicks(us * 10);

    /// <summary>The <c>results.verdict</c> code: 1 success, 0 failure, 2 inconclusive.</summary>
    public static int VerdictCode(ProbeVerdict verdict) => verdict switch
    {
        ProbeVerdict.Success => 1,
        ProbeVerdict.Failure => 0,
        _ => 2,
    };
}
