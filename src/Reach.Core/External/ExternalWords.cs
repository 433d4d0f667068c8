namespace Reach.External;

/// <summary>The words <c>reach external</c> prints (the same as in JSON).</summary>
public static class ExternalWords
{
    public static string ToWord(this ExternalVerdictKind kind) => kind switch
    {
        ExternalVerdictKind.Reachable => "reachable",
        ExternalVerdictKind.AnsweredElsewhere => "answered-elsewhere",
        ExternalVerdictKind.NotListening => "not-listening",
        ExternalVerdictKind.LoopbackOnly => "loopback-only",
        ExternalVerdictKind.WrongAddress => "wrong-address",
        ExternalVerdictKind.CarrierGradeNat => "carrier-grade-nat",
        ExternalVerdictKind.NotForwarded => "not-forwarded",
        ExternalVerdictKind.FilteredBehindNat => "filtered-behind-nat",
        ExternalVerdictKind.Firewalled => "firewalled",
        ExternalVerdictKind.Refused => "refused",
        ExternalVerdictKind.HostFirewall => "host-firewall",
        ExternalVerdictKind.DroppedBeforeHost => "dropped-before-host",
        _ => "not-checked",
    };
}
