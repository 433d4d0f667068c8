using System.Globalization;
using Reach.Probes;
using Reach.Time;
using Reach.Waiting;

namespace Reach.Cli.Rendering;

/// <summary>
/// The live line of <c>reach wait</c> on a terminal's stderr: "waiting 3.5s, 56.5s left: db:5432 closed, web:80 open ✓";
/// erased when the wait ends. Only made when stderr is a terminal.
/// </summary>
internal sealed class WaitStatusLine(TextWriter error) : IProgress<WaitProgress>, IDisposable
{
    private readonly Lock _gate = new();
    private bool _drawn;

    public void Report(WaitProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var targets = string.Join(", ", value.Targets.Select(t => t.Target.Display + " " + t.State.ToWord() + (t.Done ? " ✓" : string.Empty)));
        var line = string.Create(CultureInfo.InvariantCulture,
            $"\rwaiting {DurationParser.Format(value.Elapsed)}, {DurationParser.Format(value.Remaining)} left: {targets}\u001b[K");
        lock (_gate)
        {
            error.Write(line);
            error.Flush();
            _drawn = true;
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
                _drawn = false;
            }
        }
    }
}
