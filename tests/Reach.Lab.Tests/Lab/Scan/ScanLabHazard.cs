namespace Reach.Lab.Tests.Lab.Scan;

/// <summary>
/// Something on the way that can turn a target's answer into silence, so a correct scanner may still see no response:
/// the ground truth says what the target answers, and the hazard says when that answer may not come back.
/// </summary>
public enum ScanLabHazard
{
    /// <summary>The answer always comes back.</summary>
    None,

    /// <summary>
    /// A REJECT at the kernel's default ICMP error rate limits (IPv4 one per second per peer after a burst of about
    /// six, IPv6 one per 100 ms): in a burst most rejects come back as silence (filtered either way).
    /// </summary>
    IcmpRateLimit,

    /// <summary>SYNs above a rate are dropped before they reach the target: a scan that goes too fast hears nothing.</summary>
    SynRateLimit,

    /// <summary>Packets are dropped at random both ways: any one probe or answer may be lost.</summary>
    Loss,
}
