using Reach.Monitoring.Config;
using Reach.Monitoring.Tests.TestSupport;
using Reach.Tls;

namespace Reach.Monitoring.Tests.Config;

/// <summary>A tls check's keys in reach.yaml: defaults, every key, and one line naming a bad one.</summary>
public class TlsCheckConfigTests
{
    private const string Head = "checks:\n  - name: certs\n    type: tls\n    targets: [\"web.test:443\"]\n";

    [Fact]
    public void TlsCheck_Defaults_WarnIn14Days_StartTlsByPort()
    {
        var tls = Load(Head).Tls;

        Assert.NotNull(tls);
        Assert.Equal((14, null, false, null), (tls.WarnDays, tls.FailDays, tls.Insecure, tls.StartTls));
        Assert.Empty(tls.ExtraTrust);
    }

    [Fact]
    public void TlsCheck_EveryKey()
    {
        var tls = Load(Head + "    warn_days: 30\n    fail_days: 7\n    insecure: true\n    starttls: SMTP\n").Tls;

        Assert.Equal((30, 7, true, StartTlsProtocol.Smtp), (tls!.WarnDays, tls.FailDays, tls.Insecure, tls.StartTls));
    }

    [Fact]
    public void TcpCheck_HasNoTlsSettings() =>
        Assert.Null(Load("checks:\n  - name: web\n    targets: [\"web.test:443\"]\n").Tls);

    [Theory]
    [InlineData(Head + "    warn_days: soon\n", "reach.yaml:5:16: checks[0].warn_days: 'soon' is not a whole number from 0 to 3650")]
    [InlineData(Head + "    fail_days: -1\n", "reach.yaml:5:16: checks[0].fail_days: '-1' is not a whole number from 0 to 3650")]
    [InlineData(Head + "    insecure: maybe\n", "reach.yaml:5:15: checks[0].insecure: 'maybe' is not true or false")]
    [InlineData(Head + "    starttls: smtps\n", "reach.yaml:5:15: checks[0].starttls: 'smtps' is not one of smtp, imap, pop3, ftp, ldap, xmpp, postgres, mysql")]
    [InlineData(Head + "    ca: missing.pem\n", "reach.yaml:5:9: checks[0].ca: cannot read 'missing.pem'")]
    [InlineData("checks:\n  - name: web\n    targets: [\"web.test:443\"]\n    warn_days: 30\n", "reach.yaml:4:16: checks[0].warn_days: only a tls or http check has 'warn_days'")]
    public void BadTlsKey_OneLineError_NamingTheKey(string yaml, string expected)
    {
        using var dir = new TempDirectory();
        var path = dir.File("reach.yaml", yaml);

        var error = Assert.Throws<ConfigException>(() => WatchConfigLoader.Load(path, TestContext.Current.CancellationToken));

        Assert.DoesNotContain('\n', error.Message);
        Assert.True(error.Message.Contains(expected, StringComparison.Ordinal), error.Message);
    }

    private static CheckDefinition Load(string yaml)
    {
        using var dir = new TempDirectory();
        return WatchConfigLoader.Load(dir.File("reach.yaml", yaml), TestContext.Current.CancellationToken).Checks.Single();
    }
}
