namespace Reach.Scanning;

/// <summary>Where there is no per-process limit to raise (Windows), the scanner's own cap applies.</summary>
internal sealed class FixedResourceLimits(long limit) : IResourceLimits
{
    public long RaiseOpenFileLimit() => limit;
}
