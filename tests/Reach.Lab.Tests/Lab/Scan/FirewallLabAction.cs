namespace Reach.Lab.Tests.Lab.Scan;

/// <summary>What one rule of the firewalled target does with the packets it matches.</summary>
public enum FirewallLabAction
{
    /// <summary>ACCEPT: the packet goes on to the listener (or the kernel's RST); later rules are not looked at.</summary>
    Accept,

    /// <summary>DROP: silence.</summary>
    Drop,

    /// <summary>REJECT with ICMP admin-prohibited (icmp-admin-prohibited / icmp6-adm-prohibited).</summary>
    RejectAdminProhibited,

    /// <summary>DROP the SYNs above a rate (hashlimit, per source address); the others go on to the next rules.</summary>
    DropSynsAboveRate,

    /// <summary>DROP a random share of the packets (statistic, mode random); the others go on to the next rules.</summary>
    DropAtRandom,
}
