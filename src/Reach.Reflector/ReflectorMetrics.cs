using Prometheus;
using Reach.Probes;

namespace Reach.Reflector;

/// <summary>The reflector's /metrics (prometheus-net, a registry of its own so nothing else leaks in).</summary>
internal sealed class ReflectorMetrics
{
    private readonly Counter requests;
    private readonly Counter probes;
    private readonly Counter limited;

    public ReflectorMetrics()
    {
        Registry = Metrics.NewCustomRegistry();
        var factory = Metrics.WithCustomRegistry(Registry);
        requests = factory.CreateCounter("reach_reflector_requests_total", "Requests answered, by endpoint and HTTP status.", "endpoint", "status");
        probes = factory.CreateCounter("reach_reflector_probes_total", "Ports probed for callers, by state.", "state");
        limited = factory.CreateCounter("reach_reflector_rate_limited_total", "Requests refused by a per-client limit, by limit.", "limit");
    }

    public CollectorRegistry Registry { get; }

    public void Request(string endpoint, int status) => requests.WithLabels(endpoint, status.ToString(System.Globalization.CultureInfo.InvariantCulture)).Inc();

    public void Probed(PortState state) => probes.WithLabels(state.ToWord()).Inc();

    public void Limited(string limit) => limited.WithLabels(limit).Inc();
}
