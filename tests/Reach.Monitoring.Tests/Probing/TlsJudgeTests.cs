using System.Net;
using Reach.Monitoring.Config;
using Reach.Monitoring.Probing;
using Reach.Probes;
using Reach.Tls;

namespace Reach.Monitoring.Tests.Probing;

/// <summary>A tls check's verdict on a handshake: as reach check --tls judges it, in the watch's words.</summary>
public class TlsJudgeTests
{
    private static readonly DateTimeOffset At = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly IPAddress Address = IPAddress.Loopback;

    [Fact]
    public void TrustedCertificate_Succeeds_WithItsDetails()
    {
        var outcome = TlsJudge.Judge(Report(daysLeft: 90), Settings(), At, Address, TimeSpan.FromMilliseconds(3));

        Assert.Equal((ProbeVerdict.Success, ProbeState.Open, ProbeReason.SynAck), (outcome.Verdict, outcome.State, outcome.Reason));
        Assert.Equal(("TLSv1.3", "CN=web.test", 90, "AA:01"), (outcome.Details!.Tls!.Protocol, outcome.Details.Tls.Subject, outcome.Details.Tls.DaysLeft, outcome.Details.Tls.Sha256));
    }

    [Fact]
    public void NoHandshake_IsDown_WithTheError()
    {
        var report = new TlsReport("web.test", null, null, null, [], [TlsProblem.HandshakeFailed], null, "the server closed the connection", TimeSpan.Zero);

        var outcome = TlsJudge.Judge(report, Settings(), At, Address, null);

        Assert.Equal(ProbeVerdict.Failure, outcome.Verdict);
        Assert.Equal("handshake-failed (syn-ack): the server closed the connection", outcome.Describe());
        Assert.Null(outcome.Details);
    }

    [Fact]
    public void Untrusted_IsDown_NamingProblemsAndCertificate_UnlessInsecure()
    {
        var report = Report(daysLeft: 90, TlsProblem.SelfSigned, TlsProblem.NameMismatch);

        Assert.Equal("untrusted (syn-ack): self-signed, name-mismatch (CN=web.test)", TlsJudge.Judge(report, Settings(), At, Address, null).Describe());
        Assert.Equal(ProbeVerdict.Success, TlsJudge.Judge(report, Settings() with { Insecure = true }, At, Address, null).Verdict);
    }

    [Fact]
    public void UnderFailDays_IsDown_WithDaysLeft_UnderWarnDaysOnly_StaysUp()
    {
        var failing = TlsJudge.Judge(Report(daysLeft: 3), Settings() with { FailDays = 7 }, At, Address, null);
        var warning = TlsJudge.Judge(Report(daysLeft: 10), Settings() with { FailDays = 7 }, At, Address, null);

        Assert.Equal("expiring (syn-ack): certificate CN=web.test expires in 3 day(s) (2026-01-04), under fail_days 7", failing.Describe());
        Assert.Equal(ProbeVerdict.Success, warning.Verdict);
    }

    private static TlsSettings Settings() => new(14, null, false, [], null);

    private static TlsReport Report(int daysLeft, params TlsProblem[] problems)
    {
        var leaf = new CertificateInfo("CN=web.test", ["web.test"], 1, "CN=ca.test", At.AddDays(-30), At.AddDays(daysLeft), "ECDSA", 256, "sha256ECDSA", "AA:01");
        return new TlsReport("web.test", "TLSv1.3", "TLS_AES_256_GCM_SHA384", null, [leaf], problems, daysLeft, null, TimeSpan.FromMilliseconds(3));
    }
}
