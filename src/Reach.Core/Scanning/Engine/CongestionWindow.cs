namespace Reach.Scanning.Engine;

/// <summary>
/// How many probes may be in flight, adapted like TCP congestion control (and nmap's timing): slow start doubles
/// the window while answers come back, congestion avoidance then grows it by about one per window of answers,
/// and a lost probe (a timeout on a host that has answered before) halves it, at most once per round trip.
/// </summary>
internal sealed class CongestionWindow
{
    private readonly int _minimum;
    private readonly int _maximum;
    private double _window;
    private double _threshold;
    private long _lastDecreaseTicks;

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

    /// <summary>A probe that should have been answered was lost.</summary>
    /// <param name="nowTicks">Stopwatch ticks now.</param>
    /// <param name="roundTripTicks">One round trip, in Stopwatch ticks: losses within it count as one event.</param>
    public void OnLoss(long nowTicks, long roundTripTicks)
    {
        if (nowTicks - _lastDecreaseTicks < roundTripTicks)
        {
            return;
        }

        _lastDecreaseTicks = nowTicks;
        _threshold = Math.Max(_minimum, _window / 2);
        _window = _threshold;
    }

    /// <summary>
    /// A probe to a host that never answered timed out. That says nothing about congestion (a dead host or a
    /// dropping firewall), so the window may still grow, slowly, up to <paramref name="cap"/>: a dead range is
    /// decided in a few timeouts, but a silent network never gets the full window.
    /// </summary>
    public void OnSilence(int cap)
    {
        if (_window < cap)
        {
            _window = Math.Min(Math.Min(_window + 1, cap), _maximum);
        }
    }

    /// <summary>The machine ran out of something (file descriptors, ports, buffers): back off hard.</summary>
    public void OnLocalPressure()
    {
        _threshold = Math.Max(_minimum, _window / 2);
        _window = _threshold;
    }
}
