namespace Reach.Scanning;

/// <summary>The process's open-file limit: a scanner holds one socket per probe in flight.</summary>
internal interface IResourceLimits
{
    /// <summary>Raises the soft limit on open files to the hard limit where allowed; returns the soft limit now in force.</summary>
    long RaiseOpenFileLimit();
}
