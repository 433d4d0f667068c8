using System.Globalization;
using Reach.Checking;
using Reach.Identification;
using Reach.Pinging;
using Reach.Probes;
using Reach.Resolution;
using Reach.Tls;
using Spectre.Console;

namespace Reach.Cli.Rendering;

/// <summary>
/// Human output of <c>reach check</c>: a block with every detail for one target; one colored line per target
/// (green reachable, red not) and a summary for a list.
/// </summary>
internal sealed class CheckRenderer(IAnsiConsole console, CheckOptions options)
{
    private const int LabelWidth = 10;

    public void Render(CheckRun run, bool isList, bool failedOnly)
    {
        if (!isList)
        {
            var report = run.Reports[0];
            if (!failedOnly || !report.Reachable)
            {
                RenderBlock(report);
            }

            return;
        }

        var shown = failedOnly ? run.Reports.Where(r => !r.Reachable).ToList() : run.Reports;
        var targetWidth = shown.Select(r => r.Target.Display.Length).DefaultIfEmpty(6).Max();
        foreach (var report in shown)
        {
            RenderLine(report, targetWidth);
        }

        RenderSummary(run);
    }

    private void RenderBlock(TargetReport report)
    {
        var service = report.Target.Port?.ServiceName is { } name ? $" ({name})" : string.Empty;
        console.MarkupLine($"[bold]{Markup.Escape(report.Target.Display)}[/]{Markup.Escape(service)}");

        var resolution = report.Resolution;
        var addresses = resolution.Status switch
        {
            ResolutionStatus.Unresolved => $"[red]unresolved[/]: {Markup.Escape(resolution.Error ?? string.Empty)}",
            ResolutionStatus.Literal => Markup.Escape(string.Join(", ", resolution.Addresses)),
            _ => Markup.Escape(string.Join(", ", resolution.Addresses))
                 + (report.ProbedAddresses.Count > 0 ? $"  [grey](probed {Markup.Escape(string.Join(", ", report.ProbedAddresses))})[/]" : string.Empty),
        };
        Row("Address", addresses);

        foreach (var check in report.Checks)
        {
            var prefix = report.Checks.Count > 1 ? $"{check.Ping.Address ?? check.Probe?.Remote.Address}: " : string.Empty;
            if (check.Ping.Status != PingStatus.Skipped)
            {
                Row("Ping", Markup.Escape(prefix) + PingText(check.Ping));
            }

            if (check.Probe is { } probe)
            {
                Row("TCP", Markup.Escape(prefix) + ProbeText(probe));
            }

            if (check.Banner is { } banner)
            {
                Row("Banner", Markup.Escape(prefix) + BannerText(banner));
            }

            if (check.Tls is { } tls)
            {
                RenderTls(tls, check.TlsExpiresSoon, Markup.Escape(prefix));
            }

            if (check.Http is { } http)
            {
                HttpRows.Render(http, Markup.Escape(prefix), Row);
            }

            if (check.Route is { } route)
            {
                var routeText = route.Error is not null
                    ? $"no route: {route.Error}"
                    : $"from {route.Source} via {route.InterfaceName ?? "?"}, next hop {(route.NextHop?.ToString() ?? (route.OnLink == true ? "on-link (no gateway)" : "not reported by the OS"))}";
                Row("Route", Markup.Escape(prefix + routeText));
            }

            if (report.Checks.Count > 1)
            {
                Row(string.Empty, $"[grey]{Markup.Escape(check.Explanation)}[/]");
            }
        }

        if (report.ReverseNames.Count > 0)
        {
            Row("Reverse", Markup.Escape(string.Join(", ", report.ReverseNames.Select(r => $"{r.Address} → {r.Name ?? "(no PTR)"}"))));
        }

        var verdict = report.Reachable ? "[green bold]REACHABLE[/]" : $"[red bold]NOT REACHABLE[/] [red]({report.Status.ToWord()})[/]";
        Row("Verdict", $"{verdict}  {Markup.Escape(report.Explanation)}");
    }

    private void RenderLine(TargetReport report, int targetWidth)
    {
        var primary = report.Primary;
        var address = primary?.Probe?.Remote.Address.ToString() ?? primary?.Ping.Address?.ToString() ?? "-";
        var timing = primary?.Probe is { } probe ? Ms(probe.RoundTrip) : PingMs(primary?.Ping.RoundTrip);
        var reason = primary?.Probe?.Reason.ToWord() ?? (primary is null ? string.Empty : "icmp-echo");
        var line = string.Create(CultureInfo.InvariantCulture,
            $"{report.Status.ToWord(),-11} {report.Target.Display.PadRight(targetWidth)}  {address,-15}  {timing,12}  {reason,-16}");
        var tail = report.Reachable ? string.Empty : "  " + report.Explanation;
        console.MarkupLine($"[{Color(report)}]{Markup.Escape(line)}[/]{Markup.Escape(tail)}");
    }

    private void RenderSummary(CheckRun run)
    {
        var s = run.Summary;
        var parts = new List<string> { $"{s.Reachable} reachable" };
        if (s.Closed > 0)
        {
            parts.Add($"{s.Closed} closed");
        }

        if (s.Filtered > 0)
        {
            parts.Add($"{s.Filtered} filtered");
        }

        if (s.Unresolved > 0)
        {
            parts.Add($"{s.Unresolved} unresolved");
        }

        if (s.Error > 0)
        {
            parts.Add($"{s.Error} error");
        }

        var color = run.AllReachable ? "green" : "red";
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"[{color}]{s.Total} target{(s.Total == 1 ? string.Empty : "s")}: {string.Join(", ", parts)}[/] in {run.Duration.TotalSeconds:0.00} s"));
    }

    private string ProbeText(TcpProbeResult probe)
    {
        var color = probe.State == PortState.Open ? "green" : "red";
        var text = $"[{color}]{probe.State.ToWord()}[/] ({probe.Reason.ToWord()})";
        if (probe.RoundTrip is not null)
        {
            text += $" in {Ms(probe.RoundTrip)}";
        }
        else if (probe.Reason == ProbeReason.NoResponse)
        {
            text += $" after {Time.DurationParser.Format(options.Timeout)}";
        }

        if (probe.Source is { } source)
        {
            text += $" from {Markup.Escape(source.Port == 0 ? source.Address.ToString() : source.ToString())}";
        }

        if (probe.Reporter is not null)
        {
            text += $", ICMP from {Markup.Escape(probe.Reporter.ToString())}";
        }

        return text;
    }

    private static string PingText(PingOutcome ping) => ping.Status switch
    {
        PingStatus.Reply => $"[green]reply[/] from {Markup.Escape(ping.Address?.ToString() ?? "?")} in {PingMs(ping.RoundTrip)}",
        PingStatus.NoReply => $"[yellow]no reply[/] ({Markup.Escape(ping.Message ?? string.Empty)})",
        _ => $"[grey]not sent: {Markup.Escape(ping.Message ?? string.Empty)}[/]",
    };

    /// <summary>
    /// The handshake, the leaf (subject, names, validity, key), the rest of the chain, and each problem with its
    /// explanation. Certificate fields are already printable lines (TlsProbe escapes them); markup is escaped here.
    /// </summary>
    /// <summary>How many of a certificate's names the text shows (the JSON lists more).</summary>
    private const int MaxNamesShown = 10;

    private void RenderTls(TlsReport tls, bool expiresSoon, string prefix)
    {
        if (!tls.HandshakeCompleted)
        {
            Row("TLS", $"{prefix}[red]no handshake[/] in {Ms(tls.Elapsed)}: {Markup.Escape(tls.Error ?? string.Empty)}");
            return;
        }

        var trust = tls.Trusted ? "[green]trusted[/]" : $"[red]not trusted[/] ({Markup.Escape(string.Join(", ", tls.Problems.Select(p => p.ToWord())))})";
        var alpn = tls.Alpn is null ? string.Empty : $"  ALPN {Markup.Escape(tls.Alpn)}";
        var upgrade = tls.StartTls is { } protocol ? $"STARTTLS {protocol.ToWord()}, " : string.Empty;
        Row("TLS", $"{prefix}{upgrade}{Markup.Escape(tls.Protocol!)}  {Markup.Escape(tls.CipherSuite ?? string.Empty)}{alpn}  in {Ms(tls.Elapsed)}  {trust}");
        if (tls.Chain.Count > 0)
        {
            var leaf = tls.Chain[0];
            var days = tls.DaysLeft is { } left
                ? left < 0 ? $"[red]expired {-left} day(s) ago[/]" : expiresSoon ? $"[yellow]{left} day(s) left[/]" : $"{left} days left"
                : string.Empty;
            Row("Cert", string.Create(CultureInfo.InvariantCulture,
                $"{Markup.Escape(leaf.Subject)}  until {leaf.NotAfter:yyyy-MM-dd} ({days})  {Markup.Escape(leaf.KeyType)} {leaf.KeyBits}  {Markup.Escape(leaf.SignatureAlgorithm)}"));
            if (leaf.NameCount > 0)
            {
                var shown = leaf.Names.Take(MaxNamesShown).ToList();
                var rest = leaf.NameCount - shown.Count;
                Row("Names", Markup.Escape(string.Join(", ", shown) + (rest > 0 ? string.Create(CultureInfo.InvariantCulture, $" (+{rest} more)") : string.Empty)));
            }

            Row("Issuer", Markup.Escape(leaf.Issuer) + (tls.Chain.Count > 1 ? string.Create(CultureInfo.InvariantCulture, $"  [grey](chain of {tls.Chain.Count} sent)[/]") : string.Empty));
            Row("SHA-256", $"[grey]{leaf.Sha256}[/]");
        }

        foreach (var problem in tls.Problems)
        {
            Row(string.Empty, $"[red]{Markup.Escape(TlsExplainer.Describe(problem, tls))}[/]");
        }
    }

    /// <summary>What answered (already one printable line) and the protocol it shows, or why there is nothing.</summary>
    private static string BannerText(ServiceBanner banner)
    {
        if (banner.Error is { } error)
        {
            return $"[yellow]could not ask: {Markup.Escape(error)}[/]";
        }

        var asked = banner.Probe is { } probe ? $", answer to {Asked(probe)}" : string.Empty;
        return banner.Protocol switch
        {
            null when banner.Closed => "[grey]nothing: the server closed the connection without sending anything[/]",
            null when banner.Probe is { } silent => $"[grey]nothing within the wait, not even to {Markup.Escape(Asked(silent))}[/]",
            null => "[grey]nothing sent within the wait (the client speaks first, or the server is slow to greet)[/]",
            ServiceProtocol.Unknown => $"{Markup.Escape(banner.Text ?? string.Empty)}  [grey](no protocol known to reach{Markup.Escape(asked)})[/]",
            { } protocol => $"{Markup.Escape(banner.Text ?? string.Empty)}  [grey]({protocol.ToWord()}{(banner.Complete ? string.Empty : ", cut short")}{Markup.Escape(asked)})[/]",
        };
    }

    /// <summary>The probe as the sentence names it.</summary>
    private static string Asked(ServiceProbe probe) => probe switch
    {
        ServiceProbe.HttpHead => "HEAD /",
        ServiceProbe.TlsClientHello => "a TLS ClientHello",
        ServiceProbe.RedisPing => "PING",
        ServiceProbe.PostgresSslRequest => "SSLRequest",
        ServiceProbe.RdpConnectionRequest => "an RDP connection request",
        ServiceProbe.SmbNegotiate => "SMB2 NEGOTIATE",
        _ => "a root DSE search",
    };

    private void Row(string label, string markup) =>
        console.MarkupLine($"  [grey]{Markup.Escape(label.PadRight(LabelWidth))}[/]{markup}");

    private static string Ms(TimeSpan? value) => value is null
        ? "-"
        : value.Value.TotalMilliseconds.ToString("0.000", CultureInfo.InvariantCulture) + " ms";

    /// <summary>The OS ping API measures whole milliseconds; say so instead of printing false decimals.</summary>
    private static string PingMs(TimeSpan? value) => value is null
        ? "-"
        : value.Value.TotalMilliseconds < 1 ? "<1 ms" : value.Value.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) + " ms";

    private static string Color(TargetReport report) => report.Reachable ? "green" : "red";
}
