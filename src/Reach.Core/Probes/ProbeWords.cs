using Reach.Checking;
using Reach.Identification;
using Reach.Output;
using Reach.Pinging;
using Reach.Tls;
using Reach.Waiting;

namespace Reach.Probes;

/// <summary>
/// The words Reach prints and stores for states and reasons: each member's JSON word, its
/// <c>[JsonStringEnumMemberName]</c>, the one place a word is written down (see <see cref="EnumWords{T}"/>).
/// </summary>
public static class ProbeWords
{
    private static readonly EnumWords<PortState> States = new();
    private static readonly EnumWords<ProbeReason> Reasons = new();
    private static readonly EnumWords<PingState> PingStates = new();
    private static readonly EnumWords<WaitState> WaitStates = new();
    private static readonly EnumWords<TargetStatus> TargetStatuses = new();
    private static readonly EnumWords<ServiceProtocol> Protocols = new();
    private static readonly EnumWords<ServiceProbe> ServiceProbes = new();
    private static readonly EnumWords<TlsProblem> TlsProblems = new();
    private static readonly EnumWords<StartTlsProtocol> StartTlsProtocols = new();

    public static string ToWord(this PortState state) => States.Word(state);

    public static string ToWord(this ProbeReason reason) => Reasons.Word(reason);

    public static string ToWord(this PingState state) => PingStates.Word(state);

    public static string ToWord(this WaitState state) => WaitStates.Word(state);

    /// <summary><c>reach check</c>'s one word for a target.</summary>
    public static string ToWord(this TargetStatus status) => TargetStatuses.Word(status);

    /// <summary>The protocol a banner shows: <c>ssh</c>, <c>smtp</c>, … (nmap's service names).</summary>
    public static string ToWord(this ServiceProtocol protocol) => Protocols.Word(protocol);

    /// <summary>The request sent to a client-speaks-first service: <c>http-head</c>, <c>redis-ping</c>, …</summary>
    public static string ToWord(this ServiceProbe probe) => ServiceProbes.Word(probe);

    /// <summary>Why a TLS service is not trusted: <c>expired</c>, <c>self-signed</c>, …</summary>
    public static string ToWord(this TlsProblem problem) => TlsProblems.Word(problem);

    /// <summary><c>smtp</c>, <c>imap</c>, <c>pop3</c>, <c>ftp</c>, <c>ldap</c>, <c>xmpp</c>, <c>postgres</c>, <c>mysql</c>: the <c>--starttls</c> values.</summary>
    public static string ToWord(this StartTlsProtocol protocol) => StartTlsProtocols.Word(protocol);

    /// <summary>The STARTTLS protocol a word names; false for any other word.</summary>
    public static bool TryParse(string? word, out StartTlsProtocol protocol) => StartTlsProtocols.TryParse(word, out protocol);

    /// <summary>The state a word names; false for any other word (another program's, or none).</summary>
    public static bool TryParse(string? word, out PortState state) => States.TryParse(word, out state);

    /// <summary>The reason a word names; false for any other word (another program's, or none).</summary>
    public static bool TryParse(string? word, out ProbeReason reason) => Reasons.TryParse(word, out reason);
}
