namespace Reach.Probes;

/// <summary>The words Reach prints for states and reasons (the same as in JSON).</summary>
public static class ProbeWords
{
    public static string ToWord(this PortState state) => state switch
    {
        PortState.Open => "open",
        PortState.Closed => "closed",
        PortState.Filtered => "filtered",
        _ => "error",
    };

    public static string ToWord(this ProbeReason reason) => reason switch
    {
        ProbeReason.SynAck => "syn-ack",
        ProbeReason.ConnRefused => "conn-refused",
        ProbeReason.NoResponse => "no-response",
        ProbeReason.HostUnreach => "host-unreach",
        ProbeReason.NetUnreach => "net-unreach",
        ProbeReason.AdminProhibited => "admin-prohibited",
        ProbeReason.PortUnreach => "port-unreach",
        ProbeReason.SelfConnect => "self-connect",
        _ => "local-error",
    };
}
