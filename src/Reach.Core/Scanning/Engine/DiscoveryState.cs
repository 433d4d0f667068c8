namespace Reach.Scanning.Engine;

/// <summary>Where a host stands with its round-trip discovery probe.</summary>
internal enum DiscoveryState
{
    NotSent,
    Pending,
    Done,
}
