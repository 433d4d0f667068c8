using System.Net;
using Reach.Probes;

namespace Reach.Pinging;

/// <summary>
/// A TCP connect made and timed on the calling thread without .NET's socket engine, where the OS allows one (Linux: a
/// raw descriptor, <see cref="LinuxTimedConnect"/>). Elsewhere PlatformServices offers none and probes connect through a
/// <see cref="System.Net.Sockets.Socket"/>.
/// </summary>
internal interface ITimedConnect
{
    /// <summary>Prepares the timed span (P/Invoke targets bound, code compiled) without sending a packet.</summary>
    void WarmUp();

    /// <summary>One connect from an ephemeral port, timed around connect(2) and poll(2) only; the source is not filled in.</summary>
    TcpProbeResult Probe(IPEndPoint remote, TimeSpan timeout, CancellationToken cancellationToken);
}
