using System.Net;
using Reach.Checking;
using Reach.Probes;

namespace Reach.Reflector;

/// <summary>
/// Probes ports of one caller's address with Reach.Core's TCP connect probe, at most a fixed number of probes in flight
/// over all callers. It takes an address, never a name: the only address it is ever given is the caller's.
/// </summary>
internal sealed class CallerProber(TimeSpan timeout, int maxConcurrent) : IDisposable
{
    private readonly TcpConnectProbe probe = new();
    private readonly SemaphoreSlim slots = new(maxConcurrent, maxConcurrent);

    public async Task<IReadOnlyList<PortResult>> ProbeAsync(IPAddress caller, IReadOnlyList<int> ports, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(ports);
        var probes = ports.Select(port => ProbeOneAsync(new IPEndPoint(caller, port), cancellationToken));
        return await Task.WhenAll(probes).ConfigureAwait(false);
    }

    public void Dispose() => slots.Dispose();

    private async Task<PortResult> ProbeOneAsync(IPEndPoint endPoint, CancellationToken cancellationToken)
    {
        await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var result = await probe.ProbeAsync(endPoint, new TcpProbeOptions { Timeout = timeout }, cancellationToken).ConfigureAwait(false);
            var rtt = result.State == PortState.Open && result.RoundTrip is { } r ? Math.Round(r.TotalMilliseconds, 3) : (double?)null;
            return new PortResult(endPoint.Port, result.State, result.Reason, rtt, VerdictExplainer.Explain(result, timeout));
        }
        finally
        {
            slots.Release();
        }
    }
}
