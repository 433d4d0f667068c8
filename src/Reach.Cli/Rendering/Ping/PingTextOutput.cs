using System.Globalization;
using System.Net;
using Reach.Pinging;
using Reach.Probes;
using Reach.Time;

namespace Reach.Cli.Rendering.Ping;

/// <summary>
/// The plain-text <c>reach ping</c>: a header, one line per probe (flushed at once, for tail and grep), then the
/// summary. With quiet, only the summary.
/// </summary>
/// <param name="icmp">The ICMP probe (null for TCP): it says whether its round trips have microseconds or whole milliseconds.</param>
internal sealed class PingTextOutput(TextWriter writer, string display, int? port, PingOptions options, bool quiet, IcmpPingProbe? icmp = null) : IPingOutput
{
    private bool _coarse = icmp is not null;

    private bool Icmp => port is null;

    public void Started(string host, IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        _coarse = icmp is not null && !icmp.IsPrecise(address.AddressFamily);
        if (quiet)
        {
            return;
        }

        var how = Icmp ? "ICMP echo" : "TCP connect";
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"PING {display} ({address}) with {how}, every {DurationParser.Format(options.Interval)}, timeout {DurationParser.Format(options.Timeout)}"));
        writer.Flush();
    }

    public void Probed(PingResult result)
    {
        if (quiet)
        {
            return;
        }

        var where = result.Address is { } address ? PingFormat.Endpoint(address, port) : display;
        var line = string.Create(CultureInfo.InvariantCulture, $"seq={result.Sequence} {where} {result.State.ToWord()}");
        if (!result.Succeeded && result.Reason is { } reason)
        {
            line += $" ({reason.ToWord()})";
        }

        if (result.RoundTrip is { } rtt)
        {
            line += " " + PingFormat.RoundTrip(rtt, _coarse);
        }
        else if (result.State is PingState.Filtered or PingState.NoReply && result.Reason is null or ProbeReason.NoResponse)
        {
            line += " no answer within " + DurationParser.Format(options.Timeout);
        }
        else if (!result.Succeeded && result.Detail is { } detail)
        {
            line += ": " + detail;
        }

        if (result.PreviousAddress is { } previous)
        {
            line += $"  [address changed from {previous}]";
        }

        writer.WriteLine(line);
        writer.Flush();
    }

    public void Finish(PingRun run)
    {
        var s = run.Summary;
        if (!quiet)
        {
            writer.WriteLine();
        }

        writer.WriteLine($"--- {display} {(Icmp ? "ICMP" : "TCP")} ping statistics{(run.Cancelled ? " (interrupted)" : string.Empty)} ---");
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{s.Sent} probes sent, {s.Succeeded} succeeded, {s.Failed} failed, {s.LossPercent:0.#}% loss, {PingFormat.Duration(s.Ended - s.Started)}"));
        if (s.RoundTrips is { } r)
        {
            var jitter = r.Jitter is { } j ? $", jitter {PingFormat.Milliseconds(j)} ms" : string.Empty;
            writer.WriteLine($"rtt min/avg/max/stddev = {PingFormat.Milliseconds(r.Min)}/{PingFormat.Milliseconds(r.Avg)}/{PingFormat.Milliseconds(r.Max)}/{PingFormat.Milliseconds(r.StdDev)} ms{jitter}");
            writer.WriteLine($"rtt p50/p95/p99 = {PingFormat.Milliseconds(r.P50)}/{PingFormat.Milliseconds(r.P95)}/{PingFormat.Milliseconds(r.P99)} ms{(_coarse ? " (the OS ping API gives whole milliseconds)" : string.Empty)}");
        }

        foreach (var change in s.StateChanges)
        {
            var reason = change.Reason is { } why && change.To is not (PingState.Open or PingState.Reply) ? $" ({why.ToWord()})" : string.Empty;
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{PingFormat.Clock(change.At)} seq={change.Sequence}: {change.From.ToWord()} → {change.To.ToWord()}{reason}"));
        }

        foreach (var down in s.DownIntervals)
        {
            var until = down.End is { } end ? PingFormat.Clock(end) : "still down at the end";
            var probes = down.Probes == 1 ? "1 probe" : string.Create(CultureInfo.InvariantCulture, $"{down.Probes} probes");
            writer.WriteLine($"down {PingFormat.Clock(down.Start)} → {until}, {PingFormat.Duration(down.Duration)}, {probes}");
        }

        foreach (var change in s.AddressChanges)
        {
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{PingFormat.Clock(change.At)} seq={change.Sequence}: address changed {change.From} → {change.To}"));
        }

        writer.Flush();
    }
}
