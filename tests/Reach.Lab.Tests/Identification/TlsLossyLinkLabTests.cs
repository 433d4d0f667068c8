using System.Diagnostics;
using System.Globalization;
using Reach.Lab.Tests.Cli;
using Reach.Lab.Tests.Lab;
using Reach.Lab.Tests.Sockets;

namespace Reach.Lab.Tests.Identification;

/// <summary>
/// <c>reach check --tls</c> over a lossy link: iptables drops 30% of the packets to and from <c>openssl s_server</c>
/// at random (<c>-m statistic</c>), in a namespace of this class's own (<c>rl-PID-y</c>). Each run ends with a verdict
/// within its bounds, never a hang; a completed handshake reports the certificate exactly, a failed one says why.
/// </summary>
public sealed class TlsLossyLinkLabTests(LabFixture lab, TestCertificates pki) : IClassFixture<TestCertificates>
{
    private const int Port = 8443;
    private const int Runs = 4;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(8);

    [Fact]
    public async Task ThirtyPercentLoss_EveryRunEndsWithAVerdict_WithinItsBounds_AndATrueCertificate()
    {
        lab.RequireLab();
        pki.Require();
        await using var ns = await SocketsNamespace.CreateAsync(lab.IpPath, suffix: "y");
        await ns.NameLoopbackAsync(TestCertificates.ServerName);
        using var server = await OpenSslServer.StartAsync(lab.IpPath, ns.Name, Port, pki.Valid, pki.Intermediate);
        var port = Port.ToString(CultureInfo.InvariantCulture);
        foreach (var direction in (string[])["--dport", "--sport"])
        {
            var rule = await ns.RunAsync(["iptables", "-A", "INPUT", "-i", "lo", "-p", "tcp", direction, port, "-m", "statistic", "--mode", "random", "--probability", "0.3", "-j", "DROP"]);
            Assert.True(rule.ExitCode == 0, rule.Describe());
        }

        var leaf = await OpenSslCertificate.ReadAsync(pki.Valid.Certificate);
        var outcomes = new List<string>();
        for (var i = 0; i < Runs; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var run = await ns.ReachAsync("check", TestCertificates.ServerName, port, "--no-ping", "--ca", pki.RootCa, "--timeout", "8s", "--json");
            var elapsed = Stopwatch.GetElapsedTime(started);

            // The connect may take the whole timeout, then the TLS handshake its own (the banner read runs beside it).
            Assert.True(elapsed < (Timeout * 2) + TimeSpan.FromSeconds(5), $"run {i} took {elapsed}");
            var status = run.Json.Text("status");
            outcomes.Add($"{status} in {elapsed.TotalSeconds:0.0} s");
            Assert.Contains(status, (string[])["open", "filtered", "tls-failed"]);
            if (status == "open")
            {
                Assert.Equal(0, run.ExitCode);
                var tls = run.Json.SingleResult().Prop("tls");
                Assert.True(tls.Flag("trusted"));
                TlsAssert.SameCertificate(leaf, tls.Items("chain")[0]);
            }
            else
            {
                Assert.Equal(1, run.ExitCode);
                Assert.False(string.IsNullOrWhiteSpace(run.Json.Text("explanation")));
                Assert.DoesNotContain("net_", run.Json.Text("explanation"), StringComparison.Ordinal); // words, not resource keys
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"30% loss, {Runs} runs: {string.Join("; ", outcomes)}");
    }
}
