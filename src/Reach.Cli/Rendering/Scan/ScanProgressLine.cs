using System.Globalization;
using Reach.Scanning;

namespace Reach.Cli.Rendering.Scan;

/// <summary>A live progress line on a terminal's stderr: ports done, rate and time left; erased at the end.</summary>
/// <param name="error">The terminal's error stream.</param>
/// <param name="total">Ports the scan will report.</param>
/// <param name="clock">Where the rate's and the redraws' time comes from (tests pass a fake one).</param>
internal sealed class ScanProgressLine(TextWriter error, long total, TimeProvider clock) : IDisposable
{
    private static readonly TimeSpan RedrawEvery = TimeSpan.FromMilliseconds(100);
    private readonly long _started = clock.GetTimestamp();
    private long _done;
    private long? _lastDraw;
    private bool _drawn;

    public ScanProgressLine(TextWriter error, long total)
        : this(error, total, TimeProvider.System)
    {
    }

    public void Report(ScanTally tally)
    {
        _done++;
        Draw(tally, final: _done >= total);
    }

    /// <summary>Redraws for an open port identified (<c>--service</c>): the sweep's counts stay as they are.</summary>
    public void ReportIdentified(ScanTally tally)
    {
        ArgumentNullException.ThrowIfNull(tally);
        Draw(tally, final: tally.Identified >= tally.Open && _done >= total);
    }

    private void Draw(ScanTally tally, bool final)
    {
        var now = clock.GetTimestamp();
        if (!final && _lastDraw is { } last && clock.GetElapsedTime(last, now) < RedrawEvery)
        {
            return;
        }

        _lastDraw = now;
        _drawn = true;
        var elapsed = clock.GetElapsedTime(_started, now).TotalSeconds;
        var rate = elapsed > 0 ? _done / elapsed : 0;
        var left = rate > 0 ? (total - _done) / rate : 0;
        var percent = total > 0 ? 100.0 * _done / total : 100;
        var identified = tally.Identifying ? string.Create(CultureInfo.InvariantCulture, $" ({tally.Identified} identified)") : string.Empty;
        error.Write(_done < total || !tally.Identifying
            ? string.Create(CultureInfo.InvariantCulture, $"\r{percent,5:0.0}%  {_done}/{total} ports  {tally.Open} open{identified}  {rate:0}/s  ETA {left:0}s\u001b[K")
            : string.Create(CultureInfo.InvariantCulture, $"\ridentifying services: {tally.Identified}/{tally.Open} open ports\u001b[K"));
        error.Flush();
    }

    public void Dispose()
    {
        if (_drawn)
        {
            error.Write("\r\u001b[K");
            error.Flush();
            _drawn = false; // disposed early (before the summary is printed) and again by using
        }
    }
}
