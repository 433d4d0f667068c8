using System.Diagnostics;
using System.Globalization;
using Reach.Lab.Tests.Cli;
using Reach.Lab.Tests.Lab;
using Reach.Lab.Tests.Sockets;

namespace Reach.Lab.Tests.Identification;

/// <summary>
/// <c>reach check</c> against a TLS port behind a SYN rate limiter (iptables <c>hashlimit</c>: one new connection a
/// second, burst 1, per source), in a namespace of this class's own (<c>rl-PID-z</c>). The verdict's connection takes
/// the one token; the identification and TLS connections that follow at once are dropped and get through on the
/// kernel's SYN retransmissions (1 s, then 3 s). Each run must still end with the true certificate within its bounds,
/// and the verdict's time must not carry the later connections' waits.
/// </summary>
public sealed class TlsRateLimitedLabTests(LabFixture lab, TestCertificates pki) : IClassFixture<TestCertificates>
{
    private const int Port = 8443;
    private const int Runs = 3;

    [Fact]
    public async Task OneNewConnectionASecond_TheCheckStillReportsTheTrueCertificate_AndAnHonestConnectTime()
    {
        lab.RequireLab();
        pki.Require();
        await using var ns = await SocketsNamespace.CreateAsync(lab.IpPath, suffix: "z");
        await ns.NameLoopbackAsync(TestCertificates.ServerName);
        using var server = await OpenSslServer.StartAsync(lab.IpPath, ns.Name, Port, pki.Valid, pki.Intermediate);
        var port = Port.ToString(CultureInfo.InvariantCulture);
        var rule = await ns.RunAsync(["iptables", "-A", "INPUT", "-i", "lo", "-p", "tcp", "--dport", port, "--syn",
            "-m", "hashlimit", "--hashlimit-name", "reach-tls", "--hashlimit-mode", "srcip", "--hashlimit-above", "1/second", "--hashlimit-burst", "1", "-j", "DROP"]);
        Assert.True(rule.ExitCode == 0, rule.Describe());

        var leaf = await OpenSslCertificate.ReadAsync(pki.Valid.Certificate);
        var outcomes = new List<string>();
        for (var i = 0; i < Runs; i++)
        {
            await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken); // the bucket refills between runs
            var started = Stopwatch.GetTimestamp();
            var run = await ns.ReachAsync("check", TestCertificates.ServerName, port, "--no-ping", "--ca", pki.RootCa, "--timeout", "8s", "--json");
            var elapsed = Stopwatch.GetElapsedTime(started);

            outcomes.Add($"{run.Json.Text("status")} in {elapsed.TotalSeconds:0.0} s");
            Assert.True(run.ExitCode == 0, $"run {i}: {run.Result.Describe()}");
            var result = run.Json.SingleResult();
            var tls = result.Prop("tls");
            Assert.True(tls.Flag("trusted"), $"run {i}: {run.StdOut}");
            TlsAssert.SameCertificate(leaf, tls.Items("chain")[0]);
            // The verdict's connect took the token at once: the retransmission waits belong to the later connections.
            Assert.True(result.Number("rtt_ms") < 500, $"run {i}: connect time {result.Number("rtt_ms")} ms");
            Assert.True(elapsed < TimeSpan.FromSeconds(16), $"run {i} took {elapsed}");
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"hashlimit 1/s burst 1, {Runs} runs: {string.Join("; ", outcomes)}");
    }
}
