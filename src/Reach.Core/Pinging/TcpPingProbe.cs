using System.Net;
using Reach.Platform;
using Reach.Probes;

namespace Reach.Pinging;

/// <summary>
/// A TCP connect to one port, timed around connect(2) and poll(2) only: where the OS allows it (Linux) the connect is
/// made on a raw descriptor (<see cref="ITimedConnect"/>) with the address prepared before the clock starts, so no
/// allocation, exception or thread switch falls inside the measured span. Elsewhere it is
/// <see cref="TcpConnectProbe.Probe"/>, which is timed the same way but through .NET's socket API (a non-blocking
/// connect surfaces as an exception there, inside the span).
/// </summary>
public sealed class TcpPingProbe : IPingProbe
{
    private readonly int _port;
    private readonly ITimedConnect? _timedConnect;
    private readonly TcpConnectProbe _fallback;

    public TcpPingProbe(int port)
        : this(port, PlatformServices.TimedConnect)
    {
    }

    /// <param name="port">The port to connect to.</param>
    /// <param name="timedConnect">The OS's raw connect; null: <see cref="TcpConnectProbe.Probe"/> through a Socket.</param>
    internal TcpPingProbe(int port, ITimedConnect? timedConnect)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        _port = port;
        _timedConnect = timedConnect;
        _fallback = new TcpConnectProbe(PlatformServices.ErrorQueue, timedConnect);
    }

    public void WarmUp() => _timedConnect?.WarmUp();

    public ValueTask<PingProbeOutcome> ProbeAsync(IPAddress address, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        var remote = new IPEndPoint(address, _port);
        var result = _timedConnect is not null
            ? _timedConnect.Probe(remote, timeout, cancellationToken)
            : _fallback.Probe(remote, new TcpProbeOptions { Timeout = timeout }, cancellationToken);
        return ValueTask.FromResult(ToOutcome(result));
    }

    internal static PingProbeOutcome ToOutcome(TcpProbeResult result) => new(
        result.State == PortState.Open,
        result.RoundTrip,
        State(result.State),
        result.Reason,
        result.State == PortState.Open ? null : result.Detail);

    /// <summary>A port's state as ping's (the same word).</summary>
    internal static PingState State(PortState state) => state switch
    {
        PortState.Open => PingState.Open,
        PortState.Closed => PingState.Closed,
        PortState.Filtered => PingState.Filtered,
        _ => PingState.Error,
    };
}
