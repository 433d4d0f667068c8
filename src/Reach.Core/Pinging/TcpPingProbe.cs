using System.Net;
using Reach.Probes;

namespace Reach.Pinging;

/// <summary>
/// A TCP connect to one port, timed around connect(2) and poll(2) only: on Linux the connect is made on a raw
/// descriptor (<see cref="LinuxTimedConnect"/>) with the address prepared before the clock starts, so no
/// allocation, exception or thread switch falls inside the measured span. Elsewhere it is
/// <see cref="TcpConnectProbe.Probe"/>, which is timed the same way but through .NET's socket API (a non-blocking
/// connect surfaces as an exception there, inside the span).
/// </summary>
public sealed class TcpPingProbe : IPingProbe
{
    private readonly int _port;
    private readonly TcpConnectProbe _fallback = new();

    public TcpPingProbe(int port)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        _port = port;
    }

    public void WarmUp()
    {
        if (OperatingSystem.IsLinux())
        {
            LinuxTimedConnect.WarmUp();
        }
    }

    public ValueTask<PingProbeOutcome> ProbeAsync(IPAddress address, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        var remote = new IPEndPoint(address, _port);
        var result = OperatingSystem.IsLinux()
            ? LinuxTimedConnect.Probe(remote, timeout, cancellationToken)
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
