using System.Text.Json.Serialization;

namespace Reach.Sockets.Baseline;

/// <summary>
/// One listener as a baseline records it. Its identity is (<see cref="Proto"/>, <see cref="Process"/>,
/// <see cref="Port"/>, <see cref="Address"/>): PIDs change with every restart, so they are not part of it.
/// </summary>
/// <param name="Proto"><c>tcp</c> or <c>udp</c>.</param>
/// <param name="Process">The process name; <see langword="null"/> when the owner was hidden.</param>
/// <param name="Port">The local port.</param>
/// <param name="Address">The bind address (<c>0.0.0.0</c>, <c>::</c>, <c>127.0.0.1</c>, <c>fe80::50%eth0</c>), without brackets.</param>
/// <param name="Exposure"><c>any</c> for wildcards, else the address's class.</param>
/// <param name="Reach">The widest class the listener reaches.</param>
/// <param name="Ipv4">For <c>::</c>: whether it takes IPv4 too; otherwise <see langword="null"/>.</param>
public sealed record BaselineListener(string Proto, string? Process, int Port, string Address, string Exposure, AddressScope Reach, bool? Ipv4)
{
    /// <summary>See <see cref="Sockets.Exposure.Width"/>.</summary>
    [JsonIgnore]
    public int Width => ((int)Reach * 4) + (Exposure == "any" ? 2 : 0) + (Ipv4 == true ? 1 : 0);

    /// <summary>The identity, for matching a baseline against now.</summary>
    [JsonIgnore]
    public (string Proto, string? Process, int Port, string Address) Key => (Proto, Process, Port, Address);

    public static BaselineListener From(SocketView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new BaselineListener(
            view.Row.Protocol.ToWord(),
            view.Entry.Owner?.Name,
            view.Row.Local.Port,
            EndpointNotation.Plain(view.Row.Local.Address),
            view.Exposure.ClassWord,
            view.Exposure.Reach,
            view.Exposure.AcceptsIpv4);
    }
}
