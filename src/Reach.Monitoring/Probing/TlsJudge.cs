using System.Globalization;
using System.Net;
using Reach.Checking;
using Reach.Monitoring.Config;
using Reach.Probes;
using Reach.Text;
using Reach.Tls;

namespace Reach.Monitoring.Probing;

/// <summary>
/// A tls check's verdict on a handshake, as <c>reach check --tls</c> judges it (<see cref="TlsCheck"/>): no handshake,
/// an untrusted certificate (unless <c>insecure</c>) or fewer days left than <c>fail_days</c> is a failure. The port
/// did answer, so the reason stays <c>syn-ack</c>; the state says what TLS found.
/// </summary>
internal static class TlsJudge
{
    public static ProbeOutcome Judge(TlsReport report, TlsSettings settings, DateTimeOffset at, IPAddress address, TimeSpan? latency)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(settings);
        var details = Details(report);
        var check = new TlsCheck(new TlsProbeOptions(), settings.Insecure, settings.WarnDays, settings.FailDays);
        if (!report.HandshakeCompleted)
        {
            return Failed(ProbeState.HandshakeFailed, Printable.OneLine(report.Error ?? "the handshake did not complete"));
        }

        if (!settings.Insecure && report.Problems.Count > 0)
        {
            var subject = details?.Subject is { } s ? $" ({s})" : string.Empty;
            return Failed(ProbeState.Untrusted, string.Join(", ", report.Problems.Select(p => p.ToWord())) + subject);
        }

        if (!check.Passes(report) && details is not null)
        {
            return Failed(ProbeState.Expiring, string.Create(CultureInfo.InvariantCulture,
                $"certificate {details.Subject} expires in {details.DaysLeft} day(s) ({details.NotAfter:yyyy-MM-dd}), under fail_days {settings.FailDays}"));
        }

        return new ProbeOutcome(at, ProbeVerdict.Success, ProbeState.Open, ProbeReason.SynAck, latency, address, null, Wrap(details));

        ProbeOutcome Failed(ProbeState state, string detail) =>
            new(at, ProbeVerdict.Failure, state, ProbeReason.SynAck, null, address, detail, Wrap(details));
    }

    /// <summary>The session and leaf, or null without a completed handshake and a certificate.</summary>
    public static TlsDetails? Details(TlsReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.Protocol is not { } protocol || report.Chain.Count == 0)
        {
            return null;
        }

        var leaf = report.Chain[0];
        return new TlsDetails(protocol, report.CipherSuite, Printable.OneLine(leaf.Subject, 256), leaf.NotAfter,
            report.DaysLeft ?? 0, leaf.Sha256, report.StartTls);
    }

    private static ProbeDetails? Wrap(TlsDetails? tls) => tls is null ? null : new ProbeDetails(tls);
}
