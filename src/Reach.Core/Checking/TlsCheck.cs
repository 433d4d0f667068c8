using Reach.Tls;

namespace Reach.Checking;

/// <summary>What <c>reach check --tls</c> asks of an open port's TLS.</summary>
/// <param name="Probe">How to shake hands and whom to trust (<c>--ca</c>).</param>
/// <param name="Insecure">Show the certificate but do not fail on trust (<c>--insecure</c>): only a failed handshake or
/// the expiry thresholds fail.</param>
/// <param name="WarnDays">A leaf expiring in fewer days is a warning (<c>--cert-warn</c>).</param>
/// <param name="FailDays">A leaf expiring in fewer days fails the target (<c>--cert-fail</c>); null: only an expired one.</param>
public sealed record TlsCheck(TlsProbeOptions Probe, bool Insecure = false, int WarnDays = 14, int? FailDays = null)
{
    /// <summary>True when the report passes: a handshake, trust (unless insecure), and enough days left.</summary>
    public bool Passes(TlsReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (!report.HandshakeCompleted)
        {
            return false;
        }

        if (!Insecure && report.Problems.Count > 0)
        {
            return false;
        }

        return FailDays is not { } fail || report.DaysLeft is not { } left || left >= fail;
    }

    /// <summary>True when the leaf expires within <see cref="WarnDays"/> (and the target still passes).</summary>
    public bool Warns(TlsReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report.DaysLeft is { } left && left < WarnDays && left >= 0;
    }
}
