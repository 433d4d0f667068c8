namespace Reach.UdpProbing;

/// <summary>What one UDP probe is built from, and what its answer must match.</summary>
/// <param name="TransactionId">A random id the answer must echo (DNS, NetBIOS, SNMP request id, STUN, …): an answer that
/// does not carry it is not the answer to this probe.</param>
/// <param name="HostName">The target as the user wrote it, for protocols that name it (SSDP's HOST, Kerberos' realm
/// guess); null for an address.</param>
/// <param name="SnmpCommunity">The SNMP community (<c>--snmp-community</c>).</param>
public sealed record UdpProbeContext(uint TransactionId, string? HostName = null, string SnmpCommunity = "public")
{
    /// <summary>A context with a random transaction id.</summary>
    public static UdpProbeContext Random(string? hostName = null, string snmpCommunity = "public") =>
        new((uint)System.Security.Cryptography.RandomNumberGenerator.GetInt32(int.MaxValue), hostName, snmpCommunity);
}
