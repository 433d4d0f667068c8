namespace Reach.Checking;

/// <summary>Which resolved addresses to use: all, or only IPv4 (<c>-4</c>) or IPv6 (<c>-6</c>).</summary>
public enum AddressFamilyFilter
{
    Any,
    IPv4Only,
    IPv6Only,
}
