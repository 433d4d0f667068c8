namespace Reach.Monitoring.Probing;

/// <summary>
/// Whether a probe's state came from the service itself (a handshake, an HTTP answer, an expect answer) rather than from
/// the TCP connect or the name lookup before it. What answered last time (the status code, the TLS version) is shown
/// and exported only while the last probe got that far: a closed port does not keep saying "HTTP 200".
/// </summary>
internal static class ServiceAnswer
{
    public static bool CameFromTheService(ProbeState? state) => state is ProbeState.Open or ProbeState.HandshakeFailed or ProbeState.Untrusted
        or ProbeState.Expiring or ProbeState.HttpFailed or ProbeState.BadStatus or ProbeState.BodyMismatch or ProbeState.Slow or ProbeState.NoMatch;
}
