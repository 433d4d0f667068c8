using System.Net;
using Reach.External;
using Reach.Output;
using Reach.Probes;
using Reach.Sockets;

namespace Reach.Core.Tests.External;

/// <summary>The decision table of <see cref="ExternalVerdictJudge"/>: every local view × NAT kind × outside answer.</summary>
public class ExternalVerdictJudgeTests
{
    private const int Port = 8080;
    private static readonly IPAddress Public = IPAddress.Parse("203.0.113.7");
    private static readonly IPAddress Lan = IPAddress.Parse("192.168.1.10");
    private static readonly IPAddress Shared = IPAddress.Parse("100.64.3.4");
    private static readonly IPAddress OtherInterface = IPAddress.Parse("10.9.9.9");

    // local view      nat      outside                 verdict               reachable
    private const string Table = """
        listens          none     open                    reachable             yes
        listens          none     closed                  refused               no
        listens          none     filtered                firewalled            no
        listens          none     filtered-prohibited     firewalled            no
        listens          none     error                   not-checked           no
        listens          none     missing                 not-checked           no
        listens          nat      open                    reachable             yes
        listens          nat      closed                  not-forwarded         no
        listens          nat      filtered                filtered-behind-nat   no
        listens          nat      filtered-prohibited     filtered-behind-nat   no
        listens          nat      error                   not-checked           no
        listens          nat      missing                 not-checked           no
        listens          cgnat    open                    reachable             yes
        listens          cgnat    closed                  carrier-grade-nat     no
        listens          cgnat    filtered                carrier-grade-nat     no
        listens          cgnat    filtered-prohibited     carrier-grade-nat     no
        listens          cgnat    error                   not-checked           no
        listens          cgnat    missing                 not-checked           no
        unknown          none     open                    reachable             yes
        unknown          none     closed                  refused               no
        unknown          none     filtered                firewalled            no
        unknown          none     filtered-prohibited     firewalled            no
        unknown          none     error                   not-checked           no
        unknown          none     missing                 not-checked           no
        unknown          nat      open                    reachable             yes
        unknown          nat      closed                  not-forwarded         no
        unknown          nat      filtered                filtered-behind-nat   no
        unknown          nat      filtered-prohibited     filtered-behind-nat   no
        unknown          nat      error                   not-checked           no
        unknown          nat      missing                 not-checked           no
        unknown          cgnat    open                    reachable             yes
        unknown          cgnat    closed                  carrier-grade-nat     no
        unknown          cgnat    filtered                carrier-grade-nat     no
        unknown          cgnat    filtered-prohibited     carrier-grade-nat     no
        unknown          cgnat    error                   not-checked           no
        unknown          cgnat    missing                 not-checked           no
        nothing          none     open                    answered-elsewhere    yes
        nothing          none     closed                  not-listening         no
        nothing          none     filtered                not-listening         no
        nothing          none     filtered-prohibited     not-listening         no
        nothing          none     error                   not-checked           no
        nothing          none     missing                 not-checked           no
        nothing          nat      open                    answered-elsewhere    yes
        nothing          nat      closed                  not-listening         no
        nothing          nat      filtered                not-listening         no
        nothing          nat      filtered-prohibited     not-listening         no
        nothing          nat      error                   not-checked           no
        nothing          nat      missing                 not-checked           no
        nothing          cgnat    open                    answered-elsewhere    yes
        nothing          cgnat    closed                  not-listening         no
        nothing          cgnat    filtered                not-listening         no
        nothing          cgnat    filtered-prohibited     not-listening         no
        nothing          cgnat    error                   not-checked           no
        nothing          cgnat    missing                 not-checked           no
        loopback         none     open                    answered-elsewhere    yes
        loopback         none     closed                  loopback-only         no
        loopback         none     filtered                loopback-only         no
        loopback         none     filtered-prohibited     loopback-only         no
        loopback         none     error                   not-checked           no
        loopback         none     missing                 not-checked           no
        loopback         nat      open                    answered-elsewhere    yes
        loopback         nat      closed                  loopback-only         no
        loopback         nat      filtered                loopback-only         no
        loopback         nat      filtered-prohibited     loopback-only         no
        loopback         nat      error                   not-checked           no
        loopback         nat      missing                 not-checked           no
        loopback         cgnat    open                    answered-elsewhere    yes
        loopback         cgnat    closed                  loopback-only         no
        loopback         cgnat    filtered                loopback-only         no
        loopback         cgnat    filtered-prohibited     loopback-only         no
        loopback         cgnat    error                   not-checked           no
        loopback         cgnat    missing                 not-checked           no
        other-address    none     open                    answered-elsewhere    yes
        other-address    none     closed                  wrong-address         no
        other-address    none     filtered                wrong-address         no
        other-address    none     filtered-prohibited     wrong-address         no
        other-address    none     error                   not-checked           no
        other-address    none     missing                 not-checked           no
        other-address    nat      open                    answered-elsewhere    yes
        other-address    nat      closed                  wrong-address         no
        other-address    nat      filtered                wrong-address         no
        other-address    nat      filtered-prohibited     wrong-address         no
        other-address    nat      error                   not-checked           no
        other-address    nat      missing                 not-checked           no
        other-address    cgnat    open                    answered-elsewhere    yes
        other-address    cgnat    closed                  wrong-address         no
        other-address    cgnat    filtered                wrong-address         no
        other-address    cgnat    filtered-prohibited     wrong-address         no
        other-address    cgnat    error                   not-checked           no
        other-address    cgnat    missing                 not-checked           no
        """;

    // Where the packet socket saw (or did not see) the reflector's SYNs arrive: only these rows change.
    // local view      nat      outside                 arrival        verdict
    private const string ArrivalTable = """
        listens          none     closed                  arrived        host-firewall
        listens          none     closed                  not-arrived    refused
        listens          none     filtered                arrived        host-firewall
        listens          none     filtered                not-arrived    dropped-before-host
        listens          none     filtered-prohibited     arrived        host-firewall
        listens          none     filtered-prohibited     not-arrived    dropped-before-host
        listens          nat      closed                  arrived        host-firewall
        listens          nat      closed                  not-arrived    not-forwarded
        listens          nat      filtered                arrived        host-firewall
        listens          nat      filtered                not-arrived    dropped-before-host
        listens          nat      filtered-prohibited     arrived        host-firewall
        listens          nat      filtered-prohibited     not-arrived    dropped-before-host
        listens          cgnat    closed                  arrived        host-firewall
        listens          cgnat    closed                  not-arrived    carrier-grade-nat
        listens          cgnat    filtered                arrived        host-firewall
        listens          cgnat    filtered                not-arrived    carrier-grade-nat
        listens          cgnat    filtered-prohibited     arrived        host-firewall
        listens          cgnat    filtered-prohibited     not-arrived    carrier-grade-nat
        unknown          none     closed                  arrived        refused
        unknown          none     closed                  not-arrived    refused
        unknown          none     filtered                arrived        host-firewall
        unknown          none     filtered                not-arrived    dropped-before-host
        unknown          none     filtered-prohibited     arrived        host-firewall
        unknown          none     filtered-prohibited     not-arrived    dropped-before-host
        unknown          nat      closed                  arrived        not-forwarded
        unknown          nat      closed                  not-arrived    not-forwarded
        unknown          nat      filtered                arrived        host-firewall
        unknown          nat      filtered                not-arrived    dropped-before-host
        unknown          nat      filtered-prohibited     arrived        host-firewall
        unknown          nat      filtered-prohibited     not-arrived    dropped-before-host
        unknown          cgnat    closed                  arrived        carrier-grade-nat
        unknown          cgnat    closed                  not-arrived    carrier-grade-nat
        unknown          cgnat    filtered                arrived        host-firewall
        unknown          cgnat    filtered                not-arrived    carrier-grade-nat
        unknown          cgnat    filtered-prohibited     arrived        host-firewall
        unknown          cgnat    filtered-prohibited     not-arrived    carrier-grade-nat
        """;

    public static TheoryData<string, string, string, string, string> ArrivalRows()
    {
        var data = new TheoryData<string, string, string, string, string>();
        foreach (var line in ArrivalTable.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var cells = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            data.Add(cells[0], cells[1], cells[2], cells[3], cells[4]);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ArrivalRows))]
    public void Judge_WithArrivalEvidence_FollowsTheArrivalTable(string local, string nat, string outside, string arrival, string verdict)
    {
        var analysis = Nat(nat);
        var evidence = arrival == "arrived" ? ArrivalEvidence.Arrived : ArrivalEvidence.NotArrived;

        var result = ExternalVerdictJudge.Judge(Port, Local(local, analysis), analysis, Outside(outside), evidence);

        Assert.Equal(verdict, Word(result.Kind));
        Assert.False(result.Reachable);
        Assert.Equal(evidence, result.Arrival);
    }

    /// <summary>The rows of the main table that the arrival table does not list.</summary>
    public static TheoryData<string, string, string, string, bool> RowsOutsideTheArrivalTable()
    {
        var data = new TheoryData<string, string, string, string, bool>();
        foreach (var row in Rows().Select(r => r.Data).Where(r => !ArrivalRows().Any(a => a.Data.Item1 == r.Item1 && a.Data.Item2 == r.Item2 && a.Data.Item3 == r.Item3)))
        {
            data.Add(row.Item1, row.Item2, row.Item3, row.Item4, row.Item5);
        }

        return data;
    }

    [Fact]
    public void ArrivalTable_ListsEachCombinationOnce_PerEvidence_AndAllOfThemAreInTheMainTable()
    {
        var keys = ArrivalRows().Select(r => $"{r.Data.Item1} {r.Data.Item2} {r.Data.Item3} {r.Data.Item4}").ToList();

        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.Equal(2 * 3 * 3 * 2, keys.Count);
        Assert.Equal(90 - (2 * 3 * 3), RowsOutsideTheArrivalTable().Count);
    }

    [Theory]
    [MemberData(nameof(RowsOutsideTheArrivalTable))]
    public void Judge_OutsideTheArrivalTable_ArrivalChangesNothing(string local, string nat, string outside, string verdict, bool reachable)
    {
        var analysis = Nat(nat);

        foreach (var evidence in new[] { ArrivalEvidence.Arrived, ArrivalEvidence.NotArrived })
        {
            var result = ExternalVerdictJudge.Judge(Port, Local(local, analysis), analysis, Outside(outside), evidence);
            Assert.Equal(verdict, Word(result.Kind));
            Assert.Equal(reachable, result.Reachable);
        }
    }

    [Fact]
    public void HostFirewall_BehindNat_SaysTheAttemptsArrived_AndToAllowThePortHere()
    {
        var verdict = ExternalVerdictJudge.Judge(Port, Local("listens", Nat("nat")), Nat("nat"), Outside("filtered"), ArrivalEvidence.Arrived);

        Assert.EndsWith("port 8080 is not reachable from outside (filtered: no-response): the connection attempts arrived at this host and got no answer, so this host's firewall drops them", verdict.Summary, StringComparison.Ordinal);
        Assert.Equal("allow TCP 8080 inbound in this host's firewall (iptables, nftables, ufw: the INPUT chain)", verdict.NextStep);
    }

    [Fact]
    public void DroppedBeforeHost_BehindNat_PointsAtTheRoutersForwardAndFirewall()
    {
        var verdict = ExternalVerdictJudge.Judge(Port, Local("listens", Nat("nat")), Nat("nat"), Outside("filtered"), ArrivalEvidence.NotArrived);

        Assert.Contains("no connection attempt reached this host, so the router drops them (no forward for the port, or its firewall)", verdict.Summary, StringComparison.Ordinal);
        Assert.Equal("forward TCP 8080 on the router to 192.168.1.10:8080 and allow it in the router's firewall", verdict.NextStep);
    }

    public static TheoryData<string, string, string, string, bool> Rows()
    {
        var data = new TheoryData<string, string, string, string, bool>();
        foreach (var line in Table.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var cells = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            data.Add(cells[0], cells[1], cells[2], cells[3], cells[4] == "yes");
        }

        return data;
    }

    [Fact]
    public void Words_AreTheJsonWords()
    {
        foreach (var kind in Enum.GetValues<ExternalVerdictKind>())
        {
            Assert.Equal(Word(kind), kind.ToWord());
        }
    }

    [Fact]
    public void Table_CoversEveryCombination_Once()
    {
        var combinations = Rows().Select(r => $"{r.Data.Item1} {r.Data.Item2} {r.Data.Item3}").ToList();

        Assert.Equal(5 * 3 * 6, combinations.Count);
        Assert.Equal(combinations.Count, combinations.Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void Judge_FollowsTheTable(string local, string nat, string outside, string verdict, bool reachable)
    {
        var analysis = Nat(nat);

        var result = ExternalVerdictJudge.Judge(Port, Local(local, analysis), analysis, Outside(outside));

        Assert.Equal(verdict, Word(result.Kind));
        Assert.Equal(reachable, result.Reachable);
        Assert.Equal(ArrivalEvidence.Unknown, result.Arrival);
        Assert.Equal(reachable, result.NextStep is null || result.Kind == ExternalVerdictKind.AnsweredElsewhere);
        Assert.Equal(Port, result.Port);
        Assert.Contains("8080", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void NginxBehindNat_Refused_SaysWhoListensWhere_TheNat_AndToForwardThePortToTheLanAddress()
    {
        var nat = Nat("nat");
        var local = new LocalPortView(true, [Listener("nginx", 1234, "0.0.0.0:8080")]);

        var verdict = ExternalVerdictJudge.Judge(Port, local, nat, Outside("closed"));

        Assert.Equal(ExternalVerdictKind.NotForwarded, verdict.Kind);
        Assert.StartsWith("nginx listens on 0.0.0.0:8080, this host is behind NAT (192.168.1.10 → 203.0.113.7), port 8080 is not reachable from outside (closed: conn-refused)", verdict.Summary, StringComparison.Ordinal);
        Assert.StartsWith("forward TCP 8080 on the router to 192.168.1.10:8080", verdict.NextStep, StringComparison.Ordinal);
        Assert.DoesNotContain("firewall", verdict.Sentence, StringComparison.Ordinal);
    }

    [Fact]
    public void BehindNat_Dropped_PointsAtTheHostFirewallFirst_ThenTheForward()
    {
        var verdict = ExternalVerdictJudge.Judge(Port, Local("listens", Nat("nat")), Nat("nat"), Outside("filtered"));

        Assert.Contains("(filtered: no-response)", verdict.Summary, StringComparison.Ordinal);
        Assert.Contains("drops it", verdict.Summary, StringComparison.Ordinal);
        Assert.StartsWith("check the host firewall here", verdict.NextStep, StringComparison.Ordinal);
        Assert.Contains("forward TCP 8080 to 192.168.1.10:8080", verdict.NextStep, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "drops it")]
    [InlineData("no-response", "drops it")]
    [InlineData("port-unreach", "rejects it")]
    [InlineData("new-word", "rejects it")]
    public void NoNat_Filtered_RejectsUnlessTheReflectorNamedSilenceOrNothing(string? reason, string verb)
    {
        var known = ProbeWords.TryParse(reason, out ProbeReason parsed) ? parsed : (ProbeReason?)null;
        var outside = new OutsidePortResult(Port, PortState.Filtered, known, null, null) { ReasonWord = reason };

        var verdict = ExternalVerdictJudge.Judge(Port, Local("listens", Nat("none")), Nat("none"), outside);

        Assert.Contains($"(filtered{(reason is null ? string.Empty : ": " + reason)})", verdict.Summary, StringComparison.Ordinal);
        Assert.Contains($"a firewall {verb}", verdict.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void NoNat_Rejected_SaysAFirewallRejects_AndNamesHostAndProviderFirewalls()
    {
        var verdict = ExternalVerdictJudge.Judge(Port, Local("listens", Nat("none")), Nat("none"), Outside("filtered-prohibited"));

        Assert.Contains("this host has the public address 203.0.113.7 itself (no NAT)", verdict.Summary, StringComparison.Ordinal);
        Assert.Contains("(filtered: admin-prohibited)", verdict.Summary, StringComparison.Ordinal);
        Assert.Contains("a firewall rejects it", verdict.Summary, StringComparison.Ordinal);
        Assert.Contains("host firewall", verdict.NextStep, StringComparison.Ordinal);
        Assert.Contains("cloud security group", verdict.NextStep, StringComparison.Ordinal);
    }

    [Fact]
    public void Reachable_SaysSo_WithReasonAndTime_AndNoNextStep()
    {
        var verdict = ExternalVerdictJudge.Judge(Port, Local("listens", Nat("nat")), Nat("nat"), Outside("open"));

        Assert.Null(verdict.NextStep);
        Assert.EndsWith("port 8080 is reachable from outside (syn-ack, 0.412 ms)", verdict.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void NothingListens_BehindNat_SaysSo_AndToStartTheServiceThenForward()
    {
        var verdict = ExternalVerdictJudge.Judge(Port, Local("nothing", Nat("nat")), Nat("nat"), Outside("closed"));

        Assert.StartsWith("nothing listens on TCP 8080 here", verdict.Summary, StringComparison.Ordinal);
        Assert.Equal("start the service so that it listens on 0.0.0.0:8080, then forward TCP 8080 on the router to 192.168.1.10:8080", verdict.NextStep);
    }

    [Fact]
    public void LoopbackOnly_NamesTheBind_AndTheAddressesToBindInstead()
    {
        var verdict = ExternalVerdictJudge.Judge(Port, Local("loopback", Nat("none")), Nat("none"), Outside("closed"));

        Assert.StartsWith("nginx listens only on 127.0.0.1:8080, which takes connections from this machine only", verdict.Summary, StringComparison.Ordinal);
        Assert.StartsWith("make nginx listen on 0.0.0.0:8080 or 203.0.113.7:8080", verdict.NextStep, StringComparison.Ordinal);
    }

    [Fact]
    public void CarrierGradeNat_SaysAForwardCannotWork()
    {
        var verdict = ExternalVerdictJudge.Judge(Port, Local("listens", Nat("cgnat")), Nat("cgnat"), Outside("filtered"));

        Assert.Contains("this host is behind carrier-grade NAT (100.64.3.4 → 203.0.113.7)", verdict.Summary, StringComparison.Ordinal);
        Assert.StartsWith("a forward on your router cannot work behind carrier-grade NAT", verdict.NextStep, StringComparison.Ordinal);
    }

    [Fact]
    public void NothingListens_ButOpenFromOutside_BehindNat_SaysTheRouterForwardsElsewhere()
    {
        var verdict = ExternalVerdictJudge.Judge(Port, Local("nothing", Nat("nat")), Nat("nat"), Outside("open"));

        Assert.Contains("the router forwards it to another machine", verdict.Summary, StringComparison.Ordinal);
        Assert.Contains("192.168.1.10:8080", verdict.NextStep, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("192.168.1.10:8080", null, LocalExposure.Listens)] // the LAN address itself
    [InlineData("10.9.9.9:8080", null, LocalExposure.OtherAddress)] // another interface
    [InlineData("[::]:8080", false, LocalExposure.Listens)] // dual-stack takes IPv4 too
    [InlineData("[::]:8080", true, LocalExposure.OtherAddress)] // IPv6 only: IPv4 from outside finds nothing
    [InlineData("[::1]:8080", null, LocalExposure.LoopbackOnly)]
    public void Classify_AnIPv4ConnectionBehindNat_FindsTheListenerOnlyWhereItArrives(string bind, bool? v6Only, LocalExposure expected)
    {
        var nat = Nat("nat");
        var endPoint = IPEndPoint.Parse(bind);
        var local = new LocalPortView(true, [new LocalListener("nginx", 1, endPoint, Exposures().Evaluate(endPoint.Address, v6Only))]);

        Assert.Equal(expected, ExternalVerdictJudge.Classify(local, nat));
    }

    [Fact]
    public void Classify_WithTheArrivalAddressUnknown_AnyRoutableBindOfTheFamilyCounts()
    {
        var nat = new NatAnalysis(NatKind.Nat, Public, null, false);
        var local = new LocalPortView(true, [Listener("nginx", 1, "10.9.9.9:8080")]);

        Assert.Equal(LocalExposure.Listens, ExternalVerdictJudge.Classify(local, nat));
        Assert.Contains("this host's address, port 8080", ExternalVerdictJudge.Judge(Port, local, nat, Outside("closed")).NextStep, StringComparison.Ordinal);
    }

    [Fact]
    public void IPv6_NoNat_Filtered_IsFirewalled_AndAWildcardV6ListenerCounts()
    {
        var address = IPAddress.Parse("2001:db8::5");
        var nat = new NatAnalysis(NatKind.None, address, address, false);
        var local = new LocalPortView(true, [new LocalListener("nginx", 1, IPEndPoint.Parse("[::]:8080"), Exposures().Evaluate(IPAddress.IPv6Any, true))]);

        var verdict = ExternalVerdictJudge.Judge(Port, local, nat, Outside("filtered"));

        Assert.Equal(ExternalVerdictKind.Firewalled, verdict.Kind);
        Assert.Contains("nginx listens on [::]:8080", verdict.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void SeveralListeners_AreNamedOnce_WithEveryBind()
    {
        var local = new LocalPortView(true, [Listener("nginx", 1, "127.0.0.1:8080"), Listener("nginx", 1, "[::1]:8080"), Listener(null, null, "127.0.0.2:8080")]);

        var verdict = ExternalVerdictJudge.Judge(Port, local, Nat("nat"), Outside("closed"));

        Assert.StartsWith("nginx and a process (owner hidden) listens only on 127.0.0.1:8080 and [::1]:8080 and 127.0.0.2:8080", verdict.Summary, StringComparison.Ordinal);
    }

    private static NatAnalysis Nat(string kind) => kind switch
    {
        "none" => new NatAnalysis(NatKind.None, Public, Public, false),
        "nat" => new NatAnalysis(NatKind.Nat, Public, Lan, false),
        "cgnat" => new NatAnalysis(NatKind.CarrierGradeNat, Public, Shared, false),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static LocalPortView Local(string kind, NatAnalysis nat) => kind switch
    {
        "listens" => new LocalPortView(true, [Listener("nginx", 1234, "0.0.0.0:8080")]),
        "unknown" => LocalPortView.Unknown,
        "nothing" => new LocalPortView(true, []),
        "loopback" => new LocalPortView(true, [Listener("nginx", 1234, "127.0.0.1:8080")]),
        "other-address" => new LocalPortView(true, [Listener("nginx", 1234, $"{OtherInterface}:8080")]),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, $"for {nat.Kind}"),
    };

    private static OutsidePortResult? Outside(string kind) => kind switch
    {
        "open" => new OutsidePortResult(Port, PortState.Open, ProbeReason.SynAck, 0.412, null),
        "closed" => new OutsidePortResult(Port, PortState.Closed, ProbeReason.ConnRefused, 0.3, null),
        "filtered" => new OutsidePortResult(Port, PortState.Filtered, ProbeReason.NoResponse, null, null),
        "filtered-prohibited" => new OutsidePortResult(Port, PortState.Filtered, ProbeReason.AdminProhibited, null, null),
        "error" => new OutsidePortResult(Port, PortState.Error, null, null, null) { StateWord = "unknown-state" },
        "missing" => null,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static LocalListener Listener(string? process, int? pid, string bind)
    {
        var endPoint = IPEndPoint.Parse(bind);
        return new LocalListener(process, pid, endPoint, Exposures().Evaluate(endPoint.Address, null));
    }

    private static ExposureCalculator Exposures() =>
        new([IPAddress.Loopback, Lan, OtherInterface, Shared, IPAddress.IPv6Loopback, IPAddress.Parse("2001:db8::5")], defaultV6Only: false);

    private static string Word(ExternalVerdictKind kind) =>
        System.Text.Json.JsonSerializer.Serialize(kind, Reach.Core.Tests.Output.WordsTestJsonContext.Default.ExternalVerdictKind).Trim('"');
}
