using System.Diagnostics;
using System.Globalization;
using Reach.Scanning;

namespace Reach.Cli.Rendering.Scan;

/// <summary>A live progress line on a terminal's stderr: ports done, rate and time left; erased at the end.</summary>
internal sealed class ScanProgressLine(TextWriter error, long total) : IDisposable
{
    private readonly long _started = Stopwatch.GetTimestamp();
    private long _done;
    private long _lastDraw;
    private bool _drawn;

    public void Report(ScanTally tally)
    {
        _done++;
        var now = Environment.TickCount64;
        if (_done < total && now - _lastDraw < 100)
        {
            return;
        }

        _lastDraw = now;
        _drawn = true;
        var elapsed = Stopwatch.GetElapsedTime(_started).TotalSeconds;
        var rate = elapsed > 0 ? _done / elapsed : 0;
        var left = rate > 0 ? (total - _done) / rate : 0;
        var percent = total > 0 ? 100.0 * _done / total : 100;
        error.Write(string.Create(CultureInfo.InvariantCulture,
            $"\r{percent,5:0.0}%  {_done}/{total} ports  {tally.Open} open  {rate:0}/s  ETA {left:0}s\u001b[K"));
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
