using System.Net;
using Reach.Probes;

namespace Reach.External;

/// <summary>What the reflector saw when it connected to one of this host's ports from outside.</summary>
/// <param name="Port">The port.</param>
/// <param name="State">open, closed or filtered; <see cref="PortState.Error"/> when the reflector could not probe it or said something else.</param>
/// <param name="Reason">
/// nmap's reason (syn-ack, conn-refused, no-response, admin-prohibited, …); null when the reflector sent none, or a
/// word this version does not know (<see cref="ReasonWord"/> has it).
/// </param>
/// <param name="RttMs">Connect time in milliseconds, when measured.</param>
/// <param name="Explanation">The reflector's own sentence, when it sent one.</param>
public sealed record OutsidePortResult(int Port, PortState State, ProbeReason? Reason, double? RttMs, string? Explanation)
{
    /// <summary>
    /// The reflector's own state word, kept for output: another version may send one this version has no member for
    /// (<c>missing</c> when it sent none).
    /// </summary>
    public string StateWord { get; init; } = State.ToWord();

    /// <summary>The reflector's own reason word, kept for output as <see cref="StateWord"/>; null when it sent none.</summary>
    public string? ReasonWord { get; init; } = Reason?.ToWord();
}

/// <summary>The reflector's answer to a check: the address it probed (the caller's public address) and each port.</summary>
public sealed record OutsideCheck(IPAddress PublicAddress, IReadOnlyList<OutsidePortResult> Results);
