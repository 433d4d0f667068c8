using Reach.Lab.Tests.Cli;
using Reach.Lab.Tests.Lab;

namespace Reach.Lab.Tests.Sockets;

/// <summary>
/// Link-local IPv6 addresses carry a zone, the interface they belong to. In a namespace of this class's own
/// (<c>rl-PID-l</c>) with fe80::50 on vk0: reach must write the zone as the interface's name, as ss and ip do
/// (<c>fe80::50%vk0</c>), never as its index (<c>fe80::50%3</c>).
/// </summary>
public sealed class LinkLocalLabTests(LabFixture lab)
{
    private const string LinkLocal = "fe80::50";

    [Fact]
    public async Task LinkLocalAddresses_AreWrittenWithTheInterfaceName_AsSsDoes()
    {
        lab.RequireLab();
        if (SocketHolder.Python is null)
        {
            Assert.Skip("The reach sockets lab tests start their listeners with python3: apt-get install -y python3.");
        }

        await using var ns = await SocketsNamespace.CreateAsync(lab.IpPath, suffix: "l");
        await CommandRunner.RunCheckedAsync(lab.IpPath, "-n", ns.Name, "-6", "addr", "add", $"{LinkLocal}/64", "dev", "vk0", "nodad");
        await ns.HoldAsync("listen", "tcp", $"{LinkLocal}%vk0", 7081);
        await ns.HoldAsync("listen", "tcp", "::", 7082, v6Only: true);

        var ss = await ns.RunAsync(["ss", "-tlnH"]);
        var json = await ns.ReachAsync("sockets", "--json", "--listening");
        var table = await ns.ReachAsync("sockets", "--listening");
        var who = await ns.ReachAsync("who", "7082");
        var whoJson = await ns.ReachAsync("who", "7082", "--json");

        Assert.Contains($"[{LinkLocal}]%vk0:7081", ss.StdOut, StringComparison.Ordinal); // ss names the interface
        var socket = Assert.Single(json.Json.Prop("sockets").EnumerateArray(), s => s.WholeNumber("local_port") == 7081);
        Assert.Equal($"{LinkLocal}%vk0", socket.Text("local_address"));
        Assert.Equal("link-local", socket.Prop("exposure").Text("class"));
        Assert.Matches($@"(?m)^tcp\s+\[{LinkLocal}%vk0\]:7081\s+\*:\*\s+LISTEN\s", table.StdOut);

        // The addresses a wildcard covers: the interfaces' link-local addresses by name too.
        Assert.Contains($"{LinkLocal}%vk0 (link-local)", who.StdOut, StringComparison.Ordinal);
        var covers = Assert.Single(whoJson.Json.Prop("processes").EnumerateArray()).Prop("listeners").EnumerateArray()
            .SelectMany(l => l.Prop("exposure").Prop("covers").EnumerateArray()).Select(c => c.Text("address")!).ToList();
        Assert.Contains($"{LinkLocal}%vk0", covers);
        Assert.All(covers.Where(c => c.StartsWith("fe80:", StringComparison.Ordinal)), c => Assert.Matches("%vk[01]$", c));
        foreach (var output in new[] { json.StdOut, table.StdOut, who.StdOut, whoJson.StdOut })
        {
            Assert.DoesNotMatch(@"fe80:[0-9a-f:]*%[0-9]", output);
        }
    }
}
