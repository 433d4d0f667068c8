using System.Net;

namespace Reach.Reflector;

/// <summary>
/// Whom the reflector probes: callers with a globally reachable unicast address (<see cref="AddressClasses"/>); with
/// <c>--allow-private</c> also loopback, link-local, private, shared, documentation, benchmarking and other
/// special-purpose host addresses (labs and LANs). Unspecified, multicast, broadcast and reserved addresses are never
/// probed: no caller has one, and a connect to 0.0.0.0 or :: reaches the reflector's own host.
/// </summary>
internal static class CallerPolicy
{
    /// <summary>Null when the caller may be served; else the sentence of the 403.</summary>
    public static string? Refusal(IPAddress caller, bool allowPrivate)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var found = AddressClasses.Classify(caller);
        if (!found.Class.IsHostAddress())
        {
            return $"your address {caller} is {found}: no host can be reached at it, so this reflector never probes it";
        }

        return found.Class == AddressClass.Global || allowPrivate
            ? null
            : $"your address {caller} is {found}: this reflector serves callers from public addresses only (run it with --allow-private for a lab or LAN)";
    }
}
