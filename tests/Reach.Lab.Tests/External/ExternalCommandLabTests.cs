using System.Text.Json;
using Reach.Lab.Tests.Cli;
using Reach.Lab.Tests.Lab.External;
using static Reach.Lab.Tests.Lab.External.ExtLabNetwork;

namespace Reach.Lab.Tests.External;

/// <summary>
/// <c>reach external</c> from a LAN host behind a NAT router, asking the real <c>reach serve</c> on the lab's
/// "internet" (<see cref="ExtLab"/>): NAT, forwarded, unforwarded, firewalled and unused ports; and a host on a
/// carrier-grade address.
/// </summary>
public sealed class ExternalCommandLabTests(ExtLab lab) : IClassFixture<ExtLab>
{
    [Fact]
    public async Task BehindNat_EachPortGetsItsVerdict_ForwardedReachable_OthersWithTheirHint()
    {
        lab.Require();

        var run = await lab.RunReachAsync(lab.Lan, "external", Port(ForwardedPort), Port(UnforwardedPort), Port(FirewalledPort), Port(NoListenerPort), Port(RouterDroppedPort), "--via", ReflectorUrl, "--json");

        Assert.Equal(1, run.ExitCode);
        var json = run.Json;
        Assert.Equal("nat", json.GetProperty("nat").GetString());
        Assert.Equal(RouterOuter, json.GetProperty("public_address").GetString());
        Assert.Equal(LanHost, json.GetProperty("local_address").GetString());
        Assert.Equal($"this host is behind NAT ({LanHost} → {RouterOuter})", json.GetProperty("nat_explanation").GetString());
        Assert.False(json.GetProperty("reachable").GetBoolean());
        var ports = json.GetProperty("ports").EnumerateArray().ToDictionary(p => p.GetProperty("port").GetInt32());

        var forwarded = ports[ForwardedPort];
        Assert.Equal("reachable", forwarded.GetProperty("verdict").GetString());
        Assert.True(forwarded.GetProperty("reachable").GetBoolean());
        Assert.Equal("open", Outside(forwarded, "state"));
        Assert.Equal("arrived", forwarded.GetProperty("arrival").GetString());
        Assert.Equal("listens", forwarded.GetProperty("local").GetString());
        Assert.Equal(Environment.ProcessId, forwarded.GetProperty("listeners")[0].GetProperty("pid").GetInt32());

        var unforwarded = ports[UnforwardedPort];
        Assert.Equal("not-forwarded", unforwarded.GetProperty("verdict").GetString());
        Assert.Equal("not-arrived", unforwarded.GetProperty("arrival").GetString());
        Assert.Equal("closed", Outside(unforwarded, "state"));
        Assert.StartsWith($"forward TCP {UnforwardedPort} on the router to {LanHost}:{UnforwardedPort}", unforwarded.GetProperty("next_step").GetString(), StringComparison.Ordinal);

        // reach runs as root: its packet socket sees the forwarded SYNs arrive before the LAN host's firewall drops them.
        var firewalled = ports[FirewalledPort];
        Assert.Equal("host-firewall", firewalled.GetProperty("verdict").GetString());
        Assert.Equal("filtered", Outside(firewalled, "state"));
        Assert.Equal("arrived", firewalled.GetProperty("arrival").GetString());
        Assert.Equal($"allow TCP {FirewalledPort} inbound in this host's firewall (iptables, nftables, ufw: the INPUT chain)", firewalled.GetProperty("next_step").GetString());

        var routerDropped = ports[RouterDroppedPort];
        Assert.Equal("dropped-before-host", routerDropped.GetProperty("verdict").GetString());
        Assert.Equal("filtered", Outside(routerDropped, "state"));
        Assert.Equal("not-arrived", routerDropped.GetProperty("arrival").GetString());
        Assert.StartsWith($"forward TCP {RouterDroppedPort} on the router to {LanHost}:{RouterDroppedPort}", routerDropped.GetProperty("next_step").GetString(), StringComparison.Ordinal);

        var unused = ports[NoListenerPort];
        Assert.Equal("not-listening", unused.GetProperty("verdict").GetString());
        Assert.Equal("nothing-listens", unused.GetProperty("local").GetString());
        Assert.StartsWith($"nothing listens on TCP {NoListenerPort} here", unused.GetProperty("summary").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BehindNat_Text_SaysWhoListensWhere_TheNat_AndTheNextStep()
    {
        lab.Require();

        var run = await lab.RunReachAsync(lab.Lan, "external", Port(UnforwardedPort), "--via", ReflectorUrl);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"address    this host is behind NAT ({LanHost} → {RouterOuter})", run.StdOut, StringComparison.Ordinal);
        Assert.Contains($"listens on 0.0.0.0:{UnforwardedPort}, this host is behind NAT ({LanHost} → {RouterOuter}), port {UnforwardedPort} is not reachable from outside (closed: conn-refused)", run.StdOut, StringComparison.Ordinal);
        Assert.Contains($"  next: forward TCP {UnforwardedPort} on the router to {LanHost}:{UnforwardedPort}", run.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotRoot_NoPacketSocket_TheFirewalledPortGetsTheHostOrRouterHint()
    {
        lab.Require();

        var run = await lab.RunReachAsync(lab.Lan, Nobody, "external", Port(FirewalledPort), Port(UnforwardedPort), "--via", ReflectorUrl, "--json");

        Assert.Equal(1, run.ExitCode);
        var ports = run.Json.GetProperty("ports").EnumerateArray().ToDictionary(p => p.GetProperty("port").GetInt32());
        var firewalled = ports[FirewalledPort];
        Assert.Equal("filtered-behind-nat", firewalled.GetProperty("verdict").GetString());
        Assert.Equal("unknown", firewalled.GetProperty("arrival").GetString());
        Assert.Equal("listens", firewalled.GetProperty("local").GetString());
        Assert.StartsWith("check the host firewall here", firewalled.GetProperty("next_step").GetString(), StringComparison.Ordinal);
        Assert.Equal("not-forwarded", ports[UnforwardedPort].GetProperty("verdict").GetString());
    }

    [Fact]
    public async Task ForwardedPortAlone_ExitZero()
    {
        lab.Require();

        var run = await lab.RunReachAsync(lab.Lan, "external", Port(ForwardedPort), "--via", ReflectorUrl);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"{ForwardedPort}/tcp   reachable from outside [reachable]", run.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CarrierGradeAddress_SaysAForwardCannotWork()
    {
        lab.Require();

        var run = await lab.RunReachAsync(lab.Cgnat, "external", Port(SharedHostPort), "--via", ReflectorUrl, "--json");

        Assert.Equal(1, run.ExitCode);
        var json = run.Json;
        Assert.Equal("carrier-grade-nat", json.GetProperty("nat").GetString());
        Assert.Equal(RouterOuter, json.GetProperty("public_address").GetString());
        Assert.Equal(SharedHost, json.GetProperty("local_address").GetString());
        var port = json.GetProperty("ports")[0];
        Assert.Equal("carrier-grade-nat", port.GetProperty("verdict").GetString());
        Assert.StartsWith("a forward on your router cannot work behind carrier-grade NAT", port.GetProperty("next_step").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReflectorUnreachable_ExitTwo_WithTheReason()
    {
        lab.Require();

        // Nothing listens on this port of the reflector's host: the router's way there works, the connect is refused.
        var run = await lab.RunReachAsync(lab.Lan, "external", Port(ForwardedPort), "--via", $"http://{ReflectorAddress}:{ReflectorPort + 1}");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"reach: cannot reach the reflector at http://{ReflectorAddress}:{ReflectorPort + 1}/: connection refused (nothing listens there)", run.StdErr.TrimEnd());
    }

    private const int Nobody = 65534;

    private static string Port(int port) => port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string? Outside(JsonElement port, string field) => port.GetProperty("outside").GetProperty(field).GetString();
}
