using Reach.Cli.Rendering.Scan;
using Reach.Identification;
using Reach.Probes;
using Reach.Scanning;

namespace Reach.Cli.Commands;

/// <summary>
/// <c>reach scan --service</c> between the engine and the output: every verdict is counted and written as without
/// <c>--service</c>, except open ports, which are written once identified (<see cref="ScanServiceDetection"/>).
/// The engine's callback and the identifications' arrive on different threads: one lock keeps the output, the tally and
/// the progress line to one writer at a time.
/// </summary>
internal sealed class ScanServices : IDisposable
{
    private readonly Lock _gate = new();
    private readonly ScanPlan _plan;
    private readonly IScanOutput _sink;
    private readonly ScanTally _tally;
    private readonly ScanProgressLine? _progress;
    private readonly ScanServiceDetection _detection;

    public ScanServices(ScanServiceRequest request, ScanPlan plan, IScanOutput sink, ScanTally tally, ScanProgressLine? progress, CancellationToken cancellationToken)
    {
        _plan = plan;
        _sink = sink;
        _tally = tally;
        _progress = progress;
        _detection = new ScanServiceDetection(request.Options, request.Concurrency, request.PerHost, Identified, cancellationToken);
    }

    /// <summary>The engine's callback: quick, never waits for an identification.</summary>
    public void OnResult(ScanPortResult result, ScanReports reports)
    {
        lock (_gate)
        {
            _tally.Add(result);
            _progress?.Report(_tally);
            if (!reports.Add(result))
            {
                return;
            }

            var name = _plan.Addresses.HostNameOf(result.Target.Address);
            if (result.State == PortState.Open)
            {
                _detection.Add(result, name ?? result.Target.Address.ToString());
            }
            else
            {
                _sink.Port(result, name, null);
            }
        }
    }

    /// <summary>After the sweep: until every open port is identified and written.</summary>
    public Task CompleteAsync() => _detection.CompleteAsync();

    /// <summary>Interrupted: writes the open ports not identified yet, as they stand; returns how many.</summary>
    public int Abandon()
    {
        var left = _detection.Abandon();
        lock (_gate)
        {
            foreach (var port in left)
            {
                _sink.Port(port, _plan.Addresses.HostNameOf(port.Target.Address), ServiceIdentification.NotFinished(port.Target.Port));
            }
        }

        return left.Count;
    }

    public void Dispose() => _detection.Dispose();

    private void Identified(ScanPortResult result, ServiceIdentification identification)
    {
        lock (_gate)
        {
            _sink.Port(result, _plan.Addresses.HostNameOf(result.Target.Address), identification);
            _tally.AddIdentified();
            _progress?.ReportIdentified(_tally);
        }
    }
}
