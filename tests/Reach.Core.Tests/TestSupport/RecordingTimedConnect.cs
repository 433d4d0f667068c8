using System.Net;
using Reach.Pinging;
using Reach.Probes;

namespace Reach.Core.Tests.TestSupport;

/// <summary>A raw connect that sends nothing: it records what it was asked and answers as told.</summary>
internal sealed class RecordingTimedConnect(Func<IPEndPoint, TcpProbeResult> answer) : ITimedConnect
{
    public int WarmUps { get; private set; }

    public List<(IPEndPoint Remote, TimeSpan Timeout)> Probes { get; } = [];

    public void WarmUp() => WarmUps++;

    public TcpProbeResult Probe(IPEndPoint remote, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Probes.Add((remote, timeout));
        return answer(remote);
    }
}
