using System.Net;

namespace Reach.Tracing;

/// <summary>One hop of a trace: every probe sent with that TTL, and the reverse names of whoever answered.</summary>
/// <param name="Ttl">The TTL / hop limit, from 1.</param>
/// <param name="Probes">One result per query, in the order sent.</param>
/// <param name="Names">Reverse names of the answering addresses (absent when not looked up or none found).</param>
public sealed record TraceHop(int Ttl, IReadOnlyList<HopProbeResult> Probes, IReadOnlyDictionary<IPAddress, string> Names)
{
    /// <summary>The addresses that answered, in order of first answer (several when the path is load-balanced).</summary>
    public IReadOnlyList<IPAddress> Addresses { get; } = Probes.Where(p => p.From is not null).Select(p => p.From!).Distinct().ToArray();

    /// <summary>The first address that answered, or null for a silent hop (<c>* * *</c>).</summary>
    public IPAddress? Address => Addresses.Count > 0 ? Addresses[0] : null;

    /// <summary>The reverse name of <see cref="Address"/>, when it has one.</summary>
    public string? Name => Address is { } address && Names.TryGetValue(address, out var name) ? name : null;

    /// <summary>The answer that ended the trace at this hop, if one did.</summary>
    public HopProbeResult? Terminal => Probes.FirstOrDefault(p => p.IsTerminal);
}
