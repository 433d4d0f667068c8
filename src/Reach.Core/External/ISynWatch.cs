namespace Reach.External;

/// <summary>Watches incoming TCP SYNs to some ports while the reflector probes them.</summary>
public interface ISynWatch : IDisposable
{
    /// <summary>Ends watching (after reading what already arrived) and returns the ports a SYN arrived for.</summary>
    IReadOnlySet<int> Finish();
}
