using System.Net;

namespace Reach.Pinging;

/// <summary>Told about a <c>reach ping</c> run as it goes, to print each probe when it completes.</summary>
public interface IPingObserver
{
    /// <summary>The name resolved; probing starts at <paramref name="address"/>.</summary>
    void Started(string host, IPAddress address);

    void Probed(PingResult result);
}
