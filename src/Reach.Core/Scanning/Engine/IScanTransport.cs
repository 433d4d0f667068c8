namespace Reach.Scanning.Engine;

/// <summary>How probes get on the wire: the sockets and the waiting. The decisions are the scheduler's.</summary>
internal interface IScanTransport
{
    /// <summary>Sends what the scheduler asks for until it is finished; stops sending new probes on cancellation.</summary>
    Task RunAsync(ScanScheduler scheduler, CancellationToken cancellationToken);
}
