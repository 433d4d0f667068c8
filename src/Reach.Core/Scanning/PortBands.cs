namespace Reach.Scanning;

/// <summary>
/// A scan's ports in two bands: those most often open (the first <see cref="CommonCount"/> of <see cref="TopPorts"/>)
/// and the rest. The common band is scanned first, as nmap does: on a firewalled host they are the ports most likely
/// to answer, and the first answer gives the host's round trip, so its silent ports are judged in milliseconds
/// instead of after the initial timeout (a default-deny host answers nothing else).
/// </summary>
public static class PortBands
{
    /// <summary>How many of the top ports make the common band.</summary>
    public const int CommonCount = 100;

    /// <summary>The common ports of <paramref name="ports"/>, then the others; one band is empty when there is nothing to split.</summary>
    public static (PortSet Common, PortSet Others) Split(PortSet ports)
    {
        ArgumentNullException.ThrowIfNull(ports);
        var common = new List<int>();
        var top = TopPorts.Ports[..Math.Min(CommonCount, TopPorts.Count)];
        foreach (var port in top)
        {
            if (ports.Contains(port))
            {
                common.Add(port);
            }
        }

        if (common.Count == 0 || common.Count == ports.Count)
        {
            return (ports, PortSet.Empty);
        }

        var commonSet = PortSet.Create(common);
        return (commonSet, PortSet.Create(ports.Where(p => !commonSet.Contains(p))));
    }
}
