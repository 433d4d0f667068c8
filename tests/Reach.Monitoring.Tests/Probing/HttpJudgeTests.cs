using System.Net;
using Reach.Checking;
using Reach.Expect;
using Reach.Http;
using Reach.Monitoring.Config;
using Reach.Monitoring.Http;
using Reach.Monitoring.Probing;
using Reach.Probes;
using Reach.Text;
using Reach.Tls;

namespace Reach.Monitoring.Tests.Probing;

/// <summary>http and expect checks' verdicts, in the order an admin reads them, and what the status page says answered.</summary>
public class HttpJudgeTests
{
    private static readonly DateTimeOffset At = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly IPAddress Address = IPAddress.Loopback;
    private static readonly TlsSettings Tls = new(14, 7, false, [], null);

    [Fact]
    public void Answer_Accepted_IsOpen_WithTheWholeAnswersTimeAsLatency_AndItsDetails()
    {
        var outcome = HttpJudge.Judge(Report(200, body: "ok"), Settings(), Tls, At, Address);

        Assert.Equal((ProbeVerdict.Success, ProbeState.Open, ProbeReason.SynAck), (outcome.Verdict, outcome.State, outcome.Reason));
        Assert.Equal(TimeSpan.FromMilliseconds(40), outcome.Latency);
        var http = outcome.Details!.Http!;
        Assert.Equal(("http://web.test/health", 200, "HTTP/1.1", "nginx"), (http.Url, http.StatusCode, http.Version, http.Server));
        Assert.Equal(new HttpPhases(null, 0.001, null, 0.03, 0.04), http.Phases);
        Assert.Equal("HTTP/1.1 200, nginx", StatusApi.Answered(outcome.Details));
    }

    [Fact]
    public void NoAnswer_IsHttpFailed_WithTheReason()
    {
        var report = Report(null) with { Error = "the answer is not HTTP" };

        var outcome = HttpJudge.Judge(report, Settings(), Tls, At, Address);

        Assert.Equal("http-failed (syn-ack): the answer is not HTTP", outcome.Describe());
        Assert.Null(StatusApi.Answered(outcome.Details)); // nothing answered in HTTP
    }

    [Fact]
    public void StatusNotAccepted_IsBadStatus_NamingItAndWhereItPoints()
    {
        var report = Report(302) with { Reason = "Found", Location = "https://web.test/login" };

        var outcome = HttpJudge.Judge(report, Settings() with { Accepted = [new StatusRange(200, 299)] }, Tls, At, Address);

        Assert.Equal("bad-status (syn-ack): status 302 Found to https://web.test/login, expected 200-299", outcome.Describe());
        Assert.Equal(302, outcome.Details!.Http!.StatusCode);
    }

    [Fact]
    public void BodyWithoutTheText_IsBodyMismatch_ShowingHowItStarts()
    {
        var outcome = HttpJudge.Judge(Report(200, body: "<h1>Maintenance \u001b[5m</h1>\nback soon"), Settings(body: "\"status\":\"ok\""), Tls, At, Address);

        Assert.Equal("body-mismatch (syn-ack): the body (35 bytes) holds no \"\"status\":\"ok\"\"; it starts: <h1>Maintenance \\x1b[5m</h1>", outcome.Describe());
    }

    [Fact]
    public void SlowerThanMaxResponseTime_IsSlow()
    {
        var outcome = HttpJudge.Judge(Report(200), Settings() with { MaxResponseTime = TimeSpan.FromMilliseconds(25) }, Tls, At, Address);

        Assert.Equal("slow (syn-ack): answered in 40ms, over max_response_time 25ms", outcome.Describe());
    }

    [Fact]
    public void Https_UntrustedOrExpiring_FailsBeforeTheStatus_UnlessInsecure_AndKeepsBothDetails()
    {
        var untrusted = Report(503) with { Url = new Uri("https://web.test/"), Tls = Handshake(90, TlsProblem.SelfSigned) };
        var expiring = Report(200) with { Url = new Uri("https://web.test/"), Tls = Handshake(3) };

        var refused = HttpJudge.Judge(untrusted, Settings(), Tls, At, Address);
        var insecure = HttpJudge.Judge(untrusted, Settings(), Tls with { Insecure = true }, At, Address);
        var soon = HttpJudge.Judge(expiring, Settings(), Tls, At, Address);

        Assert.Equal(ProbeState.Untrusted, refused.State);
        Assert.Equal((503, 90), (refused.Details!.Http!.StatusCode, refused.Details.Tls!.DaysLeft));
        Assert.Equal(ProbeState.BadStatus, insecure.State); // trust waived: the status is what fails
        Assert.Equal(ProbeState.Expiring, soon.State);
        Assert.Equal("HTTP/1.1 200 over TLSv1.3, nginx", StatusApi.Answered(soon.Details));
    }

    [Fact]
    public void Expect_Match_IsOpen_NoMatch_SaysWhatItHeard()
    {
        var matched = ExpectJudge.Judge(new ExpectReport(true, true, 7, "+PONG", null, TimeSpan.FromMilliseconds(2)), At, Address);
        var other = ExpectJudge.Judge(new ExpectReport(true, false, 30, "SSH-2.0-OpenSSH_9.2p1", "no \"220\" within 1s", TimeSpan.FromSeconds(1)), At, Address);

        Assert.Equal((ProbeVerdict.Success, ProbeState.Open, "+PONG"), (matched.Verdict, matched.State, StatusApi.Answered(matched.Details)));
        Assert.Equal("no-match (syn-ack): no \"220\" within 1s; it said: SSH-2.0-OpenSSH_9.2p1", other.Describe());
    }

    [Fact]
    public void Phases_AddUpToTheWhole_TransferIsTheRest()
    {
        var phases = WatchMetrics.Phases(new HttpPhases(0.002, 0.001, 0.01, 0.03, 0.05)).ToList();

        Assert.Equal(["resolve", "connect", "tls", "processing", "transfer"], phases.Select(p => p.Phase));
        Assert.Equal(0.05, phases.Sum(p => p.Seconds), 9);
        Assert.Equal([("connect", 0.001), ("transfer", 0.0)], WatchMetrics.Phases(new HttpPhases(null, 0.001, null, null, 0.0005)));
    }

    private static HttpSettings Settings(string? body = null)
    {
        AnswerMatch? match = null;
        Assert.True(body is null || AnswerMatch.TryCreate(body, null, out match, out _));
        return new HttpSettings("/", HttpCheck.DefaultAccepted, match, null, false);
    }

    private static HttpReport Report(int? status, string body = "") => new(
        new Uri("http://web.test/health"),
        status,
        status is null ? null : "OK",
        status is null ? null : "HTTP/1.1",
        null,
        status is null ? null : "nginx",
        System.Text.Encoding.UTF8.GetByteCount(body),
        new HttpTiming(null, TimeSpan.FromMilliseconds(1), null, TimeSpan.FromMilliseconds(30), TimeSpan.FromMilliseconds(40)),
        [],
        null,
        null,
        System.Text.Encoding.UTF8.GetBytes(body));

    private static TlsReport Handshake(int daysLeft, params TlsProblem[] problems)
    {
        var leaf = new CertificateInfo("CN=web.test", ["web.test"], 1, "CN=ca.test", At.AddDays(-30), At.AddDays(daysLeft), "ECDSA", 256, "sha256ECDSA", "AA:01");
        return new TlsReport("web.test", "TLSv1.3", "TLS_AES_256_GCM_SHA384", null, [leaf], problems, daysLeft, null, TimeSpan.FromMilliseconds(3));
    }
}
