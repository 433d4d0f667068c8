using Reach.Probes;

namespace Reach.Scanning;

/// <summary>
/// Counts results as they arrive and remembers which hosts answered anything (open, closed, or an ICMP error):
/// one bit per host, so a /8 costs 2 MB.
/// </summary>
public sealed class ScanTally(long hostCount)
{
    private readonly ulong[] _answered = new ulong[(hostCount + 63) / 64];
    private long _identified;

    public long HostsUp { get; private set; }

    public long Open { get; private set; }

    public long Closed { get; private set; }

    public long Filtered { get; private set; }

    /// <summary>Ports this host could not probe (a local failure): no verdict on the target.</summary>
    public long Errors { get; private set; }

    /// <summary>True with <c>--service</c>: open ports are identified, and progress says how many so far.</summary>
    public bool Identifying { get; init; }

    /// <summary>Open ports identified so far (<c>--service</c>); read from any thread.</summary>
    public long Identified => Interlocked.Read(ref _identified);

    /// <summary>Counts an open port whose identification was written.</summary>
    public void AddIdentified() => Interlocked.Increment(ref _identified);

    /// <summary>Results so far: every port with a verdict, and every port that could not be probed.</summary>
    public long Done => Open + Closed + Filtered + Errors;

    public void Add(ScanPortResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        switch (result.State)
        {
            case PortState.Open:
                Open++;
                break;
            case PortState.Closed:
                Closed++;
                break;
            case PortState.Error:
                Errors++;
                break;
            default:
                Filtered++;
                break;
        }

        if (result.RoundTrip is not null)
        {
            ref var word = ref _answered[result.Target.HostIndex / 64];
            var bit = 1UL << (int)(result.Target.HostIndex % 64);
            if ((word & bit) == 0)
            {
                word |= bit;
                HostsUp++;
            }
        }
    }

    public bool Answered(long hostIndex) => (_answered[hostIndex / 64] & (1UL << (int)(hostIndex % 64))) != 0;

    public ScanSummary Summarize(long hosts, int unresolved, ScanStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        return new ScanSummary(hosts, HostsUp, Open + Closed + Filtered, Open, Closed, Filtered, unresolved, statistics.Duration, statistics.Rate) { Errors = Errors, LocalRetries = statistics.LocalRetries };
    }
}
