using System.Runtime.InteropServices;
using Reach.Probes;

namespace Reach.Scanning;

/// <summary>
/// What <c>--down</c> reports: every host that misses any scanned port (a port that is not open: closed, filtered or
/// a local error), with the ports it misses, in host then port order.
/// </summary>
/// <remarks>
/// Silence is the default: a port that gave no response costs nothing. Every other result (open, closed, an ICMP
/// error, a local error) is one 8-byte entry, kept until the end and sorted there; a scanned port without an entry
/// timed out. So a dead range costs nothing beyond the tally's bit per host, however many ports it has, and the
/// memory follows the ports that answered: the open ones, which the default output lists anyway, and the closed or
/// ICMP-rejected ones, which <c>--down</c> prints. Whether this shard scanned a port at all is asked of the
/// <see cref="ScanPlan.Visits"/>, not stored.
/// </remarks>
public sealed class ScanMissingPorts
{
    /// <summary>The most hosts a scan with <c>--down</c> can have: the host number takes 40 bits of an entry.</summary>
    public const long MaxHosts = 1L << 40;

    // An entry: host number (40 bits) | port index (16) | answered (1) | state (2) | reason (5).
    private const int PortShift = 8;
    private const int HostShift = 24;

    private readonly ScanPlan _plan;
    private readonly List<ulong> _entries = [];
    private bool _sorted;

    /// <exception cref="ArgumentOutOfRangeException">The plan has more than <see cref="MaxHosts"/> hosts.</exception>
    public ScanMissingPorts(ScanPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(plan.Addresses.Count, MaxHosts, nameof(plan));
        _plan = plan;
    }

    /// <summary>Results kept so far (every result except silence).</summary>
    internal int Entries => _entries.Count;

    public void Add(ScanPortResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.RoundTrip is null && result.State == PortState.Filtered && result.Reason == ProbeReason.NoResponse)
        {
            return;
        }

        if ((uint)result.State > 0x3 || (uint)result.Reason > 0x1F)
        {
            throw new ArgumentOutOfRangeException(nameof(result), "a state or reason does not fit in an entry");
        }

        var portIndex = _plan.Ports.IndexOf(result.Target.Port);
        if (portIndex < 0)
        {
            throw new ArgumentException($"port {result.Target.Port} is not one of the scan's ports", nameof(result));
        }

        var flags = (result.RoundTrip is null ? 0UL : 0x80UL) | ((ulong)result.State << 5) | (ulong)result.Reason;
        _entries.Add(((ulong)result.Target.HostIndex << HostShift) | ((ulong)portIndex << PortShift) | flags);
        _sorted = false;
    }

    /// <summary>
    /// The hosts that miss a port, by host number (IPv4 before IPv6, ascending), computed as they are enumerated:
    /// one host's ports at a time.
    /// </summary>
    public IEnumerable<ScanDownHost> Hosts()
    {
        if (!_sorted)
        {
            CollectionsMarshal.AsSpan(_entries).Sort();
            _sorted = true;
        }

        return Walk();
    }

    private IEnumerable<ScanDownHost> Walk()
    {
        var addresses = _plan.Addresses;
        var ports = _plan.Ports;
        var next = 0;
        for (var host = 0L; host < addresses.Count; host++)
        {
            List<ScanMissingPort>? missing = null;
            var scanned = 0;
            var answered = false;
            for (var portIndex = 0; portIndex < ports.Count; portIndex++)
            {
                if (!_plan.Visits(host, portIndex))
                {
                    continue;
                }

                scanned++;
                while (next < _entries.Count && Key(_entries[next]) < Key(host, portIndex))
                {
                    next++; // a result for a pair reported twice: the first one counts
                }

                if (next < _entries.Count && Key(_entries[next]) == Key(host, portIndex))
                {
                    var entry = _entries[next];
                    answered |= (entry & 0x80UL) != 0;
                    var state = (PortState)((entry >> 5) & 0x3);
                    if (state != PortState.Open)
                    {
                        (missing ??= []).Add(new ScanMissingPort(ports[portIndex], state, (ProbeReason)(entry & 0x1F)));
                    }
                }
                else
                {
                    (missing ??= []).Add(new ScanMissingPort(ports[portIndex], PortState.Filtered, ProbeReason.NoResponse));
                }
            }

            if (missing is not null)
            {
                var address = addresses.GetAddress(host);
                yield return new ScanDownHost(host, address, addresses.HostNameOf(address), answered, scanned, missing);
            }
        }
    }

    private static ulong Key(ulong entry) => entry >> PortShift;

    private static ulong Key(long host, int portIndex) => ((ulong)host << (HostShift - PortShift)) | (uint)portIndex;
}
