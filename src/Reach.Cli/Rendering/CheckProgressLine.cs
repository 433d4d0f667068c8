using System.Globalization;
using Reach.Checking;

namespace Reach.Cli.Rendering;

/// <summary>
/// A live "checked 120 of 500 (3 not reachable)" line on a terminal's stderr while many targets are checked;
/// erased when the run ends. Nothing is written when stderr is not a terminal.
/// </summary>
internal sealed class CheckProgressLine(TextWriter error, int total, TimeProvider clock) : IProgress<TargetReport>, IDisposable
{
    private static readonly TimeSpan RedrawEvery = TimeSpan.FromMilliseconds(100);
    private readonly Lock _gate = new();
    private int _done;
    private int _failed;
    private long? _lastDraw;
    private bool _drawn;

    public void Report(TargetReport value)
    {
        lock (_gate)
        {
            _done++;
            if (!value.Reachable)
            {
                _failed++;
            }

            var now = clock.GetTimestamp();
            if (_done < total && _lastDraw is { } last && clock.GetElapsedTime(last, now) < RedrawEvery)
            {
                return;
            }

            _lastDraw = now;
            _drawn = true;
            error.Write(string.Create(CultureInfo.InvariantCulture, $"\rchecked {_done} of {total} ({_failed} not reachable)\u001b[K"));
            error.Flush();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_drawn)
            {
                error.Write("\r\u001b[K");
                error.Flush();
                _drawn = false; // disposed early (before the results are printed) and again by using
            }
        }
    }
}
