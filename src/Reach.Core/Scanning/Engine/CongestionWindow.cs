namespace Reach.Scanning.Engine;

/// <summary>
/// How many probes may be in flight, adapted like TCP congestion control (and nmap's timing): slow start grows the
/// window by one per answer (doubling it every round trip), congestion avoidance past the threshold by about one per
/// window of answers, and a drop (a probe that should have drawn an answer and did not) halves it. Drops of probes
/// sent before the last decrease are the same event: a burst of losses halves the window once.
/// </summary>
internal sealed class CongestionWindow
{
    private readonly int _minimum;
    private readonly int _maximum;
    private double _window;
    private double _threshold;
    private long _lastDecreaseTicks = long.MinValue;

    public CongestionWindow(int initial, int minimum, int maximum)
    {
        _minimum = Math.Max(1, minimum);
        _maximum = Math.Max(_minimum, maximum);
        _window = Math.Clamp(initial, _minimum, _maximum);
        _threshold = _maximum;
    }

    public int Size => (int)_window;

    public void OnAnswer()
    {
        _window = _window < _threshold ? _window + 1 : _window + (1.0 / _window);
        _window = Math.Min(_window, _maximum);
    }

    /// <summary>A probe that should have been answered was lost: congestion, a rate limiter, a lossy link.</summary>
    /// <param name="lostSentTicks">When the lost probe was sent (Stopwatch ticks).</param>
    /// <param name="nowTicks">Stopwatch ticks now.</param>
    /// <returns>True when the window was halved; false when the loss belongs to a burst already counted.</returns>
    public bool OnDrop(long lostSentTicks, long nowTicks)
    {
        if (lostSentTicks <= _lastDecreaseTicks)
        {
            return false;
        }

        _lastDecreaseTicks = nowTicks;
        _threshold = Math.Max(_minimum, _window / 2);
        _window = _threshold;
        return true;
    }

    /// <summary>
    /// A probe timed out and nothing says it was lost: a filtered port, a dead host, a dropping firewall. That is no
    /// sign of congestion, so the window may still grow, slowly (one per timeout), up to <paramref name="cap"/> and
    /// never past the threshold a drop left: a default-deny host is scanned at full pace, but silence never undoes the
    /// back-off that a real loss caused.
    /// </summary>
    public void OnSilence(int cap)
    {
        var limit = Math.Min(Math.Min(cap, _threshold), _maximum);
        if (_window < limit)
        {
            _window = Math.Min(_window + 1, limit);
        }
    }

    /// <summary>The machine ran out of something (file descriptors, ports, buffers): back off hard.</summary>
    public void OnLocalPressure()
    {
        _threshold = Math.Max(_minimum, _window / 2);
        _window = _threshold;
    }
}
