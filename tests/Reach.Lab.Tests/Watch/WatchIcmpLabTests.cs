using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;
using Reach.Lab.Tests.Cli;
using Reach.Lab.Tests.Lab;

namespace Reach.Lab.Tests.Watch;

/// <summary>
/// <c>reach watch</c> with an <c>icmp</c> check, run in the lab's client namespace against two AnyIP addresses of the
/// target (IPv4 and IPv6): the test drops their echo requests, the targets turn DOWN and a command alert runs once per
/// target; the rules go, the targets recover and the recovery alerts run.
/// </summary>
public sealed class WatchIcmpLabTests(LabFixture lab)
{
    // Addresses of the target's AnyIP ranges that no other lab test uses, so the DROP rules touch nothing else.
    private static readonly string V4 = LabNetwork.AnyIp(AddressFamily.InterNetwork, 241);
    private static readonly string V6 = LabNetwork.AnyIp(AddressFamily.InterNetworkV6, 241);

    [Fact]
    public async Task IcmpCheck_EchoDropped_GoesDownOnceAndRecovers_WithOneAlertEach()
    {
        lab.RequireLab();
        var folder = Directory.CreateTempSubdirectory("reach-watch-icmp-");
        var alerts = Path.Combine(folder.FullName, "alerts.log");
        var script = Path.Combine(folder.FullName, "alert.sh");
        await File.WriteAllTextAsync(script, $"#!/bin/sh\necho \"$REACH_EVENT $REACH_HOST $REACH_PORT\" >> '{alerts}'\n", TestContext.Current.CancellationToken);
        var config = Path.Combine(folder.FullName, "reach.yaml");
        await File.WriteAllTextAsync(config, $"""
            interval: 300ms
            timeout: 250ms
            down_after: 2
            up_after: 1
            checks:
              - name: lab-ping
                type: icmp
                targets: ["{V4}", "{V6}"]
            alerts:
              - command: /bin/sh
                args: ["{script}"]
            """, TestContext.Current.CancellationToken);

        var log = new ConcurrentQueue<string>();
        using var watch = StartInClient(log, "watch", "-c", config, "--data", Path.Combine(folder.FullName, "data"), "--listen", "none");
        var dropped = false;
        try
        {
            await WaitForAsync(() => Count(log, " UP") >= 2, "both targets UP", log);
            Assert.False(File.Exists(alerts), "no alert for the first UP");

            await DropEchoAsync("-I");
            dropped = true;
            await WaitForAsync(() => Lines(alerts).Length >= 2, "two down alerts", log);

            await DropEchoAsync("-D");
            dropped = false;
            await WaitForAsync(() => Lines(alerts).Length >= 4, "two recovery alerts", log);

            // A few more rounds: nothing else may be sent (no duplicate, no flapping).
            await Task.Delay(1000, TestContext.Current.CancellationToken);
            var sent = Lines(alerts).Order(StringComparer.Ordinal).ToArray();
            Assert.Equal([$"down {V4} 0", $"down {V6} 0", $"recovered {V4} 0", $"recovered {V6} 0"], sent);
            Assert.Contains(log, l => l.Contains($"lab-ping/{V4} DOWN", StringComparison.Ordinal));
            Assert.Contains(log, l => l.Contains($"lab-ping/[{V6}] UP again after", StringComparison.Ordinal));
        }
        finally
        {
            if (dropped)
            {
                await DropEchoAsync("-D");
            }

            Stop(watch);
            TestContext.Current.TestOutputHelper?.WriteLine(string.Join('\n', log));
            folder.Delete(recursive: true);
        }
    }

    /// <summary>Inserts (-I) or deletes (-D) the rules dropping echo requests to the two addresses in the target.</summary>
    private async Task DropEchoAsync(string action)
    {
        var v4 = await lab.RunInTargetAsync(["iptables", action, "INPUT", "-d", V4, "-p", "icmp", "--icmp-type", "echo-request", "-j", "DROP"]);
        var v6 = await lab.RunInTargetAsync(["ip6tables", action, "INPUT", "-d", V6, "-p", "ipv6-icmp", "--icmpv6-type", "echo-request", "-j", "DROP"]);
        Assert.True(v4.ExitCode == 0 && v6.ExitCode == 0, $"iptables {action}: {v4.Describe(20)}\n{v6.Describe(20)}");
    }

    private Process StartInClient(ConcurrentQueue<string> log, params string[] arguments)
    {
        var info = new ProcessStartInfo(lab.IpPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["netns", "exec", lab.ClientNamespace, .. ReachCli.CommandLine(arguments)])
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start reach watch");
        process.OutputDataReceived += (_, e) => Add(log, e.Data);
        process.ErrorDataReceived += (_, e) => Add(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void Stop(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // It had already exited (the log says why).
        }
    }

    private static void Add(ConcurrentQueue<string> log, string? line)
    {
        if (line is not null)
        {
            log.Enqueue(line);
        }
    }

    private static int Count(ConcurrentQueue<string> log, string fragment) => log.Count(l => l.EndsWith(fragment, StringComparison.Ordinal));

    private static string[] Lines(string path) => File.Exists(path) ? File.ReadAllLines(path).Where(l => l.Length > 0).ToArray() : [];

    private static async Task WaitForAsync(Func<bool> done, string what, ConcurrentQueue<string> log)
    {
        // Bounded wait (a loaded CI machine starts the JIT-run reach slowly); not a speed measurement.
        for (var i = 0; i < 300 && !done(); i++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.True(done(), $"waited 30 s for {what}; reach watch said:\n{string.Join('\n', log)}");
    }
}
