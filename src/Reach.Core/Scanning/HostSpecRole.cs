namespace Reach.Scanning;

/// <summary>What a host spec is for, which decides how large it may be.</summary>
public enum HostSpecRole
{
    /// <summary>Addresses to scan: one spec holds at most <see cref="HostSpecParser.MaxAddressesPerSpec"/> addresses.</summary>
    Target,

    /// <summary>Addresses to leave out (<c>--exclude</c>, <c>--exclude-file</c>): any size, since excluding costs nothing.</summary>
    Exclusion,
}
