namespace Reach.External;

/// <summary>The answer of <c>reach external</c>: where this host stands (NAT) and a verdict per port.</summary>
/// <param name="Reflector">The reflector that probed from outside.</param>
/// <param name="Nat">Public address, local address, NAT or not.</param>
/// <param name="LocalKnown">False when the socket table could not be read (verdicts then rest on the outside view).</param>
/// <param name="Verdicts">One per port, in the order asked.</param>
public sealed record ExternalReport(Uri Reflector, NatAnalysis Nat, bool LocalKnown, IReadOnlyList<ExternalVerdict> Verdicts)
{
    /// <summary>Every port is reachable from outside.</summary>
    public bool Reachable => Verdicts.All(v => v.Reachable);
}
