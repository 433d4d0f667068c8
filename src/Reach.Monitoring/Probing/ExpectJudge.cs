using System.Net;
using Reach.Expect;
using Reach.Probes;

namespace Reach.Monitoring.Probing;

/// <summary>
/// An expect check's verdict: the answer held what was expected, or it did not (none came, the server closed, the
/// read limit or the time ran out first). The port did answer, so the reason stays <c>syn-ack</c>.
/// </summary>
internal static class ExpectJudge
{
    public static ProbeOutcome Judge(ExpectReport report, DateTimeOffset at, IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(report);
        var details = new ProbeDetails(Answer: new AnswerDetails(report.Excerpt, report.BytesRead));
        if (report.Matched)
        {
            return new ProbeOutcome(at, ProbeVerdict.Success, ProbeState.Open, ProbeReason.SynAck, report.Elapsed, address, null, details);
        }

        var heard = report.Excerpt.Length > 0 ? $"; it said: {report.Excerpt}" : string.Empty;
        return new ProbeOutcome(at, ProbeVerdict.Failure, ProbeState.NoMatch, ProbeReason.SynAck, null, address, (report.Error ?? "no match") + heard, details);
    }
}
