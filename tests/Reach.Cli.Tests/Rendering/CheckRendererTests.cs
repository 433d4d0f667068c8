using System.Net;
using System.Text.RegularExpressions;
using Reach.Checking;
using Reach.Cli.Rendering;
using Reach.Pinging;
using Reach.Probes;
using Reach.Resolution;
using Reach.Targets;
using Reach.Tls;
using Spectre.Console;

namespace Reach.Cli.Tests.Rendering;

/// <summary>
/// The colored terminal path of <c>reach check</c>'s output (issue 14, item 8): what a terminal shows, on an ANSI
/// console of fixed width, so that the colors are asserted and not only the words.
/// </summary>
public partial class CheckRendererTests
{
    private static readonly IPAddress Db = IPAddress.Parse("192.0.2.10");
    private static readonly IPAddress Web = IPAddress.Parse("192.0.2.20");

    [Fact]
    public void OneTarget_Open_IsAGreenReachableBlock()
    {
        var output = Render(isList: false, Report("db01:5432", Db, PortState.Open));

        Assert.Matches(Bold("db01:5432"), output);
        Assert.Matches(Colored(Green, "open"), output);
        Assert.Matches(Colored(Green, "REACHABLE"), output);
        Assert.DoesNotContain("NOT REACHABLE", output, StringComparison.Ordinal);
    }

    [Fact]
    public void OneTarget_Closed_IsARedNotReachableBlock_WithTheExplanation()
    {
        var output = Render(isList: false, Report("db01:5432", Db, PortState.Closed));

        Assert.Matches(Colored(Red, "closed"), output);
        Assert.Matches(Colored(Red, "NOT REACHABLE"), output);
        Assert.Contains("nothing listens on 5432", output, StringComparison.Ordinal);
    }

    [Fact]
    public void List_ColorsEachLineByItsVerdict_AndTheSummaryRedWhenOneIsNot()
    {
        var output = Render(isList: true, Report("db01:5432", Db, PortState.Open), Report("web01:443", Web, PortState.Closed));
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(3, lines.Length);
        Assert.Matches(Colored(Green, "open +db01:5432"), lines[0]);
        Assert.Matches(Colored(Red, "closed +web01:443"), lines[1]);
        Assert.Contains("nothing listens on 443", lines[1], StringComparison.Ordinal);
        Assert.Matches(Colored(Red, "2 targets: 1 reachable, 1 closed"), lines[2]);
    }

    [Fact]
    public void Tls_ManyNames_ShowsTenAndCountsTheRest_ExpiringSoonIsYellow()
    {
        var names = Enumerable.Range(1, 50).Select(i => $"h{i}.reach.test").ToList();
        var leaf = new CertificateInfo("CN=h1.reach.test", names, 2000, "CN=Reach Test CA", DateTimeOffset.UtcNow.AddDays(-80), DateTimeOffset.UtcNow.AddDays(5),
            "ECDSA", 256, "sha256ECDSA", "AB:CD");
        var tls = new TlsReport("h1.reach.test", "TLSv1.3", "TLS_AES_128_GCM_SHA256", "h2", [leaf], [], 5, null, TimeSpan.FromMilliseconds(3));
        var report = Report("h1.reach.test:443", Web, PortState.Open);
        report = report with { Checks = [report.Checks[0] with { Tls = tls, TlsExpiresSoon = true }] };

        var output = Render(isList: false, report);

        Assert.Contains("h1.reach.test, h2.reach.test", output, StringComparison.Ordinal);
        Assert.Contains("h10.reach.test (+1990 more)", output, StringComparison.Ordinal);
        Assert.DoesNotContain("h11.reach.test", output, StringComparison.Ordinal);
        Assert.Matches(Colored("93", "5 day\\(s\\) left"), output);
        Assert.Matches(Colored(Green, "trusted"), output);
    }

    private const string Green = "32";
    private const string Red = "91"; // Spectre's red, (255, 0, 0), is the bright red of the 16 colors

    /// <summary>Text right after an SGR sequence that sets <paramref name="color"/> (possibly with bold: 1;32).</summary>
    private static Regex Colored(string color, string text) => new($"\u001b\\[(?:[0-9]+;)*{color}m{text}");

    private static Regex Bold(string text) => new($"\u001b\\[(?:[0-9]+;)*1m{Regex.Escape(text)}");

    /// <summary>What a 200-column ANSI terminal with the 16 standard colors receives.</summary>
    private static string Render(bool isList, params TargetReport[] reports)
    {
        using var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.Yes,
            ColorSystem = ColorSystemSupport.Standard,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 200;
        new CheckRenderer(console, new CheckOptions { Ping = false }).Render(new CheckRun(reports, TimeSpan.FromMilliseconds(12)), isList, failedOnly: false);
        return writer.ToString();
    }

    private static TargetReport Report(string text, IPAddress address, PortState state)
    {
        Assert.True(TargetParser.TryParse(text, out var target, out var error), error);
        var port = target.Port!.Value.Number;
        var open = state == PortState.Open;
        var probe = new TcpProbeResult(
            new IPEndPoint(address, port),
            state,
            open ? ProbeReason.SynAck : ProbeReason.ConnRefused,
            TimeSpan.FromMilliseconds(1.5),
            new IPEndPoint(IPAddress.Parse("192.0.2.1"), 40000));
        var explanation = open ? "it listens" : $"the host answered but nothing listens on {port}";
        return new TargetReport(
            target,
            new ResolutionResult(target.Host, ResolutionStatus.Resolved, [address]),
            [address],
            [new AddressCheck(probe, PingOutcome.Skipped, null, explanation)],
            open ? TargetStatus.Open : TargetStatus.Closed,
            explanation,
            []);
    }
}
