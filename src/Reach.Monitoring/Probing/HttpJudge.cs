using System.Globalization;
using System.Net;
using System.Text;
using Reach.Checking;
using Reach.Http;
using Reach.Monitoring.Config;
using Reach.Probes;
using Reach.Text;

namespace Reach.Monitoring.Probing;

/// <summary>
/// An http check's verdict on one answer, in the order an admin reads it: no answer, an https certificate a client
/// would refuse (unless <c>insecure</c>) or one under <c>fail_days</c>, a status the check does not accept, a body
/// without the expected text, an answer slower than <c>max_response_time</c>. The port did answer, so the reason
/// stays <c>syn-ack</c>; the state says what HTTP found, the latency is the whole answer's time.
/// </summary>
internal static class HttpJudge
{
    public static ProbeOutcome Judge(HttpReport report, HttpSettings http, TlsSettings? tls, DateTimeOffset at, IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(http);
        var details = new ProbeDetails(report.Tls is { } session ? TlsJudge.Details(session) : null, Details(report));
        if (report.Error is { } error || report.StatusCode is not { } status)
        {
            return Failed(ProbeState.HttpFailed, report.Error ?? "no answer");
        }

        if (report.Tls is { } handshake && tls is not null && TlsJudge.Judge(handshake, tls, at, address, null) is { Verdict: ProbeVerdict.Failure } refused)
        {
            return refused with { Details = details };
        }

        if (!StatusRange.AnyHolds(http.Accepted, status))
        {
            return Failed(ProbeState.BadStatus, string.Create(CultureInfo.InvariantCulture,
                $"status {status}{(report.Reason is { Length: > 0 } r ? " " + r : string.Empty)}{(report.Location is { } l ? " to " + l : string.Empty)}, expected {string.Join(',', http.Accepted)}"));
        }

        if (http.Body is { } body)
        {
            var text = Encoding.UTF8.GetString(report.Body.Span);
            if (!body.IsMatch(text))
            {
                var excerpt = AnswerMatch.Excerpt(text, null);
                return Failed(ProbeState.BodyMismatch, string.Create(CultureInfo.InvariantCulture,
                    $"the body ({report.BodyBytes} bytes{(report.BodyBytes > report.Body.Length ? $", first {report.Body.Length} read" : string.Empty)}) holds no {body}{(excerpt.Length > 0 ? $"; it starts: {excerpt}" : string.Empty)}"));
            }
        }

        if (http.MaxResponseTime is { } max && report.Timing.Total > max)
        {
            return Failed(ProbeState.Slow, $"answered in {ConfigDuration.Format(report.Timing.Total)}, over max_response_time {ConfigDuration.Format(max)}");
        }

        return new ProbeOutcome(at, ProbeVerdict.Success, ProbeState.Open, ProbeReason.SynAck, report.Timing.Total, address, null, details);

        ProbeOutcome Failed(ProbeState state, string detail) =>
            new(at, ProbeVerdict.Failure, state, ProbeReason.SynAck, null, address, Printable.OneLine(detail, 400), details);
    }

    public static HttpDetails Details(HttpReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var timing = report.Timing;
        return new HttpDetails(Printable.OneLine(report.Url.ToString(), 400), report.StatusCode, report.Version, report.Server, report.Location,
            new HttpPhases(timing.Dns?.TotalSeconds, timing.Connect?.TotalSeconds, timing.Tls?.TotalSeconds, timing.FirstByte?.TotalSeconds, timing.Total.TotalSeconds));
    }
}
