using System.Diagnostics;

namespace Reach.Scanning.Engine;

/// <summary>
/// A pause between two probes to one host, raised when too many of the host's answers needed a retry. A rate limiter
/// (a SYN limit on a firewall, an IPS) drops whatever comes faster than it allows, whatever the window: on a LAN a
/// window of one still sends thousands of probes a second. Only a slower send rate gets through, as nmap's scan
/// delay does. The pause starts at 1 ms and doubles at each raise, up to 100 ms (10 probes a second: nmap's -T4 stops
/// at 10 ms, its default at 1 s); it never shrinks during a scan (a rate limiter does not go away). A host that stops
/// answering altogether (an IPS that banned the scanner) is not worth a slower crawl than that.
/// </summary>
internal sealed class SendDelay
{
    /// <summary>The share of drops among the answers since the last change above which the delay is raised.</summary>
    public const double RaiseShare = 0.4;

    /// <summary>Drops needed before a raise: a few random losses never slow a host down.</summary>
    public const int MinimumDrops = 10;

    public static readonly long FirstTicks = Stopwatch.Frequency / 1000;
    public static readonly long MaximumTicks = Stopwatch.Frequency / 10;

    private long _lastChangeTicks = long.MinValue;
    private int _good;
    private int _dropped;

    /// <summary>The pause between two probes, in Stopwatch ticks; 0 until the first raise.</summary>
    public long Ticks { get; private set; }

    /// <summary>When the next probe may go (Stopwatch ticks).</summary>
    public long NextSendTicks { get; private set; }

    public bool MaySend(long nowTicks) => Ticks == 0 || nowTicks >= NextSendTicks;

    public void OnSend(long nowTicks)
    {
        if (Ticks > 0)
        {
            NextSendTicks = nowTicks + Ticks;
        }
    }

    /// <summary>An answer at the first try.</summary>
    public void OnAnswer() => _good++;

    /// <summary>A drop: an answer that only a retry brought, or a lost probe to a port known to answer.</summary>
    /// <returns>True when this drop raised the delay.</returns>
    public bool OnDrop(long lostSentTicks, long nowTicks)
    {
        // A probe sent before the last raise says nothing about the new pace.
        if (lostSentTicks <= _lastChangeTicks)
        {
            return false;
        }

        _dropped++;
        if (_dropped <= MinimumDrops || _dropped <= RaiseShare * (_dropped + _good))
        {
            return false;
        }

        Ticks = Ticks == 0 ? FirstTicks : Math.Min(Ticks * 2, MaximumTicks);
        NextSendTicks = nowTicks + Ticks;
        _lastChangeTicks = nowTicks;
        _good = 0;
        _dropped = 0;
        return true;
    }
}
