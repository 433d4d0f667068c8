using System.Globalization;
using Reach.Scanning;

namespace Reach.Cli.Rendering.Scan;

/// <summary>
/// Progress of a scan whose stderr is not a terminal (a file, a pipe, CI, cron): a plain line every
/// <see cref="Every"/>, so a long run is never silent in a log, and nothing at all for a scan that ends sooner. A
/// terminal gets the live <see cref="ScanProgressLine"/> instead. Writes only to stderr: standard output and
/// <c>-o FILE</c> stay machine-readable.
/// </summary>
internal sealed class ScanProgressLog : IDisposable
{
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private readonly TextWriter _error;
    private readonly long _total;
    private readonly ScanTally _tally;
    private readonly TimeProvider _clock;
    private readonly long _started;
    private readonly ITimer _timer;
    private bool _stopped;

    /// <param name="error">Standard error.</param>
    /// <param name="total">Ports the scan will report.</param>
    /// <param name="tally">The scan's counts, updated by the scan as results arrive.</param>
    /// <param name="clock">Where the timer and the elapsed time come from (tests pass a fake one).</param>
    public ScanProgressLog(TextWriter error, long total, ScanTally tally, TimeProvider clock)
    {
        _error = error;
        _total = total;
        _tally = tally;
        _clock = clock;
        _started = clock.GetTimestamp();
        _timer = clock.CreateTimer(static state => ((ScanProgressLog)state!).Tick(), this, Every, Every);
    }

    /// <summary>Stops the lines; none is written once this returns.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _stopped = true;
        }

        _timer.Dispose();
    }

    private void Tick()
    {
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            // The scan's thread updates the tally while this reads it: each count is one atomic 64-bit read, and a
            // line a moment behind is fine.
            var done = _tally.Done;
            var open = _tally.Open;
            var identified = _tally.Identifying ? string.Create(CultureInfo.InvariantCulture, $" ({_tally.Identified} identified)") : string.Empty;
            var elapsed = _clock.GetElapsedTime(_started);
            var rate = elapsed > TimeSpan.Zero ? done / elapsed.TotalSeconds : 0;
            var percent = _total > 0 ? 100.0 * done / _total : 100;
            var eta = rate > 0 ? Format(TimeSpan.FromSeconds((_total - done) / rate)) : "unknown";
            try
            {
                _error.WriteLine(done >= _total && _tally.Identifying
                    ? string.Create(CultureInfo.InvariantCulture, $"reach scan: identifying services: {_tally.Identified}/{open} open ports  {Format(elapsed)} elapsed")
                    : string.Create(CultureInfo.InvariantCulture, $"reach scan: {percent:0.0}%  {done}/{_total} ports  {open} open{identified}  {rate:0}/s  {Format(elapsed)} elapsed  ETA {eta}"));
                _error.Flush();
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException)
            {
                // A timer thread must never take the scan down: stderr gone (a closed pipe), or no file descriptor
                // left for the console's first write (a scan at the open-file limit). The lines stop; the scan goes on.
                _stopped = true;
            }
        }
    }

    /// <summary>Whole seconds: <c>45s</c>, <c>4m05s</c>, <c>1h02m</c>.</summary>
    internal static string Format(TimeSpan duration)
    {
        var seconds = (long)Math.Round(duration.TotalSeconds, MidpointRounding.AwayFromZero);
        return seconds switch
        {
            < 60 => string.Create(CultureInfo.InvariantCulture, $"{seconds}s"),
            < 3600 => string.Create(CultureInfo.InvariantCulture, $"{seconds / 60}m{seconds % 60:00}s"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600}h{seconds / 60 % 60:00}m"),
        };
    }
}
