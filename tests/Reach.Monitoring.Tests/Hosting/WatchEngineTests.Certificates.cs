using Reach.Monitoring.Alerts;
using Reach.Monitoring.Probing;
using Reach.Monitoring.State;
using Reach.Monitoring.Store;

namespace Reach.Monitoring.Tests.Hosting;

/// <summary>A tls check's certificate over time, through the whole engine: one warning, its renewal, its changes.</summary>
public sealed partial class WatchEngineTests
{
    private const string Old = "AA:01";
    private const string Renewed = "BB:02";

    [Fact]
    public async Task CertificateNearingExpiry_OneWarningNotOnePerProbe_SurvivesARestart_RenewalResolvesIt()
    {
        // Given a tls check whose certificate has 10 days left (warn_days 14),
        prober.Show(Web, Certificate(Old, daysLeft: 10));
        await StartAsync(TlsConfig());
        await AdvanceUntilAsync(() => Task.FromResult(!Hook.Sent.IsEmpty), "the warning");

        // then one warning names the certificate and its days left, the target stays UP,
        var warning = Assert.Single(Hook.Sent);
        Assert.Equal((AlertKind.Warning, AlertStatus.Warning), (warning.Event, warning.Status));
        Assert.Contains("CN=web.test", warning.Message, StringComparison.Ordinal);
        Assert.Contains("10 day(s)", warning.Message, StringComparison.Ordinal);
        await AdvanceUntilAsync(async () => (await StateOf(Web)).ConsecutiveSuccesses >= 6, "six probes of the expiring certificate");
        Assert.Equal(TargetHealth.Up, (await StateOf(Web)).Status);
        Assert.Equal(["warning"], Hook.Events);

        // and a restart raises it no second time,
        await RestartAsync(TlsConfig());
        await AdvanceUntilAsync(async () => (await StateOf(Web)).ConsecutiveSuccesses >= 9, "three probes after the restart");
        Assert.Equal(["warning"], Hook.Events);

        // when the certificate is renewed,
        prober.Show(Web, Certificate(Renewed, daysLeft: 90));
        await AdvanceUntilAsync(() => Task.FromResult(Hook.Sent.Count >= 2), "the resolution");

        // then the warning is resolved, once, and closed in the history with the renewal; no outage was recorded.
        Assert.Equal(["warning", "resolved"], Hook.Events);
        var resolved = Hook.Sent.Last();
        Assert.Equal((warning.IncidentId, AlertStatus.Up), (resolved.IncidentId, resolved.Status));
        Assert.Contains("renewed: CN=web.test, 90 day(s) left", resolved.Message, StringComparison.Ordinal);
        var history = await Store.GetIncidentsAsync(new IncidentQuery(), ct);
        var expiring = Assert.Single(history, i => i.Kind == IncidentKind.CertificateExpiring);
        Assert.False(expiring.IsOpen);
        Assert.DoesNotContain(history, i => i.Kind == IncidentKind.Outage);
        var successes = (await StateOf(Web)).ConsecutiveSuccesses;
        await AdvanceUntilAsync(async () => (await StateOf(Web)).ConsecutiveSuccesses >= successes + 3, "three probes of the renewed certificate");
        Assert.Equal(["warning", "resolved"], Hook.Events);
        Assert.Empty(await Store.GetDueAlertsAsync(time.GetUtcNow().AddDays(1), 10, ct));
    }

    [Fact]
    public async Task CertificateChanges_WhileTheTargetStaysUp_IsAnEventInTheHistory_WithoutAlert()
    {
        // Given a tls check with a certificate far from expiry,
        prober.Show(Web, Certificate(Old, daysLeft: 200));
        await StartAsync(TlsConfig());
        await AdvanceUntilAsync(async () => (await StateOf(Web)).ConsecutiveSuccesses >= 2, "two probes");

        // when the server presents another certificate,
        prober.Show(Web, Certificate(Renewed, daysLeft: 365));
        await AdvanceUntilAsync(async () => (await Store.GetIncidentsAsync(new IncidentQuery(), ct)).Count > 0, "the change in the history");

        // then the history holds one change naming both fingerprints, over at once; the target stayed UP, nothing alerted.
        var change = Assert.Single(await Store.GetIncidentsAsync(new IncidentQuery(), ct));
        Assert.Equal(IncidentKind.CertificateChanged, change.Kind);
        Assert.Equal(change.Start, change.End);
        Assert.Contains($"SHA-256 {Renewed} (was {Old})", change.Reason, StringComparison.Ordinal);
        Assert.Equal(TargetHealth.Up, (await StateOf(Web)).Status);
        Assert.Empty(Hook.Sent);

        // and the latest state shows the new certificate (once the results of this second are written).
        await AdvanceUntilAsync(async () => (await Store.GetLatestAsync(includeRetired: false, ct)).Single().Details?.Tls?.Sha256 == Renewed, "the new certificate in the latest state");
    }

    private Monitoring.Config.WatchConfig TlsConfig() => Config([Web], repeat: "1m", checkKeys: "    type: tls\n    warn_days: 14\n");

    private static ProbeDetails Certificate(string sha256, int daysLeft) =>
        new(new TlsDetails("TLSv1.3", "TLS_AES_256_GCM_SHA384", "CN=web.test", Start.AddDays(daysLeft), daysLeft, sha256, null));
}
