using System.Text;
using Reach.Text;

namespace Reach.UdpProbing;

/// <summary>
/// SSDP (1900): an M-SEARCH for <c>ssdp:all</c> sent unicast (UPnP Device Architecture 2.0 §1.3.2). A UPnP device
/// answers with an HTTP-over-UDP <c>200 OK</c> naming its server and search target. SSDP carries no id, so an
/// answer is matched by its form: a complete <c>200</c> response with the ST header every search answer has.
/// </summary>
public sealed class SsdpPayload : IUdpPayload
{
    /// <summary>The SSDP multicast group: HOST when the target is an address (UDA 2.0 §1.3.2 allows either).</summary>
    private const string MulticastHost = "239.255.255.250:1900";

    /// <summary>The most characters of a header value shown (a SERVER line is seldom over 100).</summary>
    private const int MaxValue = 120;

    private static readonly int[] DefaultPorts = [1900];

    public UdpProtocol Protocol => UdpProtocol.Ssdp;

    public IReadOnlyList<int> Ports => DefaultPorts;

    public byte[] Build(UdpProbeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var host = IsHostName(context.HostName) ? $"{context.HostName}:1900" : MulticastHost;
        return Encoding.ASCII.GetBytes(
            $"M-SEARCH * HTTP/1.1\r\nHOST: {host}\r\nMAN: \"ssdp:discover\"\r\nMX: 1\r\nST: ssdp:all\r\n\r\n");
    }

    public UdpAnswer Read(ReadOnlySpan<byte> datagram, UdpProbeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var text = Encoding.Latin1.GetString(datagram);
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var lines = (end < 0 ? text : text[..end]).Split("\r\n");
        var status = lines[0];
        if (status.StartsWith("NOTIFY ", StringComparison.Ordinal))
        {
            return NotRecognized("an SSDP NOTIFY, not an answer to M-SEARCH");
        }

        // "HTTP/1.1 200 OK": the code is the three characters after the version.
        if (!status.StartsWith("HTTP/1.", StringComparison.Ordinal) || status.Length < 12 || status[8] != ' '
            || (status.Length > 12 && status[12] != ' '))
        {
            return NotRecognized($"{datagram.Length} bytes, not an SSDP answer");
        }

        var code = status.Substring(9, 3);
        if (code != "200")
        {
            return NotRecognized($"HTTP {Printable.OneLine(code)}, not an SSDP answer");
        }

        if (end < 0)
        {
            return NotRecognized($"{datagram.Length} bytes, an SSDP answer cut short");
        }

        var server = Header(lines, "SERVER");
        var searchTarget = Header(lines, "ST");
        if (searchTarget is null)
        {
            return NotRecognized("an HTTP 200 without ST, not an SSDP answer");
        }

        var summary = server is null ? $"ST: {searchTarget}" : $"SERVER: {server}; ST: {searchTarget}";
        return new UdpAnswer(Protocol, true, Printable.OneLine(summary));
    }

    /// <summary>The first header of that name (case-insensitive), trimmed and made printable; null if absent.</summary>
    private static string? Header(string[] lines, string name)
    {
        foreach (var line in lines.AsSpan(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line.AsSpan(0, colon).Trim().Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return Printable.OneLine(line[(colon + 1)..].Trim(), MaxValue);
            }
        }

        return null;
    }

    /// <summary>
    /// Only a plain DNS name goes into HOST: anything else (a CR or LF that would add headers, spaces) falls back to
    /// the multicast group, which every device accepts.
    /// </summary>
    private static bool IsHostName(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= 253
        && name.All(c => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '.' or '_');

    private UdpAnswer NotRecognized(string reason) => new(Protocol, false, reason);
}
