using System.Text.RegularExpressions;
using Reach.Monitoring.Config;
using Reach.Monitoring.Tests.TestSupport;
using Reach.Text;

namespace Reach.Monitoring.Tests.Config;

public class WatchConfigLoaderTests
{
    [Fact]
    public void IssueExample_Loads_WithEveryValue()
    {
        using var dir = new TempDirectory();
        dir.File("servers.txt", ConfigSamples.ServersTxt);
        var path = dir.File("reach.yaml", ConfigSamples.IssueExample);

        var config = WatchConfigLoader.Load(path, TestContext.Current.CancellationToken);

        Assert.Equal(2, config.Checks.Count);
        var web = config.Checks[0];
        Assert.Equal("web", web.Name);
        Assert.Equal(CheckType.Tcp, web.Type);
        Assert.Equal(TimeSpan.FromSeconds(2), web.Interval);
        Assert.Equal(TimeSpan.FromSeconds(1), web.Timeout);
        Assert.Equal(2, web.DownAfter);
        Assert.Equal(1, web.UpAfter);
        Assert.Equal(["10.0.0.5", "db01:5432"], web.Targets.Select(t => t.Text));
        Assert.Equal(5432, web.Targets[1].Port);
        Assert.Equal([80, 443], web.Ports);

        var dcs = config.Checks[1];
        Assert.Equal(["dc01", "10.0.0.10", "10.0.0.11"], dcs.Targets.Select(t => t.Text));
        Assert.Contains(389, dcs.Ports);
        Assert.Contains(88, dcs.Ports);

        var hook = Assert.IsType<WebhookChannelConfig>(Assert.Single(config.Alerts));
        Assert.Equal(new Uri("http://127.0.0.1:9999/hook"), hook.Url);
        Assert.Equal(WebhookTemplate.Generic, hook.Template);
        Assert.Null(config.Repeat);
        Assert.Equal(HistoryRetention.Default, config.History);
    }

    [Fact]
    public void EveryKey_Loads()
    {
        using var dir = new TempDirectory();
        var config = Parse(dir, """
            interval: 30s
            timeout: 2s
            down_after: 3
            up_after: 2
            repeat: 30m
            concurrency: 64
            history: { raw: 2d, minutes: 14d, hours: 365d }
            checks:
              - name: ping
                type: icmp
                targets: [10.0.1.0/30, "fd00::1"]
                interval: 5s
                labels: { site: paris, team: net }
              - name: ssh
                targets: ["[fd00::7]:22", "db01 postgresql", 10.0.2.1-3]
                ports: ["8000-8002", RDP]
                timeout: 500ms
            alerts:
              - webhook: https://hooks.example/T0
                template: slack
                headers: { Authorization: "Bearer x" }
              - webhook: https://api.example/bot1/sendMessage
                template: telegram
                chat_id: "-100123"
              - email: { host: 127.0.0.1, port: 25, tls: none, from: reach@localhost, to: [ops@localhost, oncall@localhost] }
              - email: { host: 127.0.0.1, tls: starttls, user: u, password: p, from: reach@localhost, to: ops@localhost }
              - command: /usr/local/bin/notify
                args: [--urgent, "two words"]
                timeout: 10s
            """);

        Assert.Equal(TimeSpan.FromMinutes(30), config.Repeat);
        Assert.Equal(64, config.Concurrency);
        Assert.Equal(new HistoryRetention(TimeSpan.FromDays(2), TimeSpan.FromDays(14), TimeSpan.FromDays(365)), config.History);
        var ping = config.Checks[0];
        Assert.Equal(CheckType.Icmp, ping.Type);
        Assert.Equal(TimeSpan.FromSeconds(5), ping.Interval);
        Assert.Equal(TimeSpan.FromSeconds(2), ping.Timeout);
        Assert.Equal(3, ping.DownAfter);
        Assert.Equal("paris", ping.Labels["site"]);
        var ssh = config.Checks[1];
        Assert.Equal([22, 5432, null], ssh.Targets.Select(t => t.Port));
        Assert.Equal([3389, 8000, 8001, 8002], ssh.Ports);
        Assert.Equal(TimeSpan.FromMilliseconds(500), ssh.Timeout);
        Assert.Equal(5, config.Alerts.Count);
        var slack = Assert.IsType<WebhookChannelConfig>(config.Alerts[0]);
        Assert.Equal(WebhookTemplate.Slack, slack.Template);
        Assert.Equal("Bearer x", slack.Headers["Authorization"]);
        Assert.Equal("-100123", Assert.IsType<WebhookChannelConfig>(config.Alerts[1]).ChatId);
        var mail = Assert.IsType<EmailChannelConfig>(config.Alerts[2]);
        Assert.Equal((SmtpTlsMode.None, 25), (mail.Tls, mail.Port));
        Assert.Equal(["ops@localhost", "oncall@localhost"], mail.To);
        Assert.Equal(587, Assert.IsType<EmailChannelConfig>(config.Alerts[3]).Port);
        var command = Assert.IsType<CommandChannelConfig>(config.Alerts[4]);
        Assert.Equal(["--urgent", "two words"], command.Arguments);
    }

    [Fact]
    public void IntervalShorterThanDefaultTimeout_ShrinksTheTimeout()
    {
        using var dir = new TempDirectory();
        var config = Parse(dir, "interval: 1s\nchecks:\n  - name: a\n    targets: [127.0.0.1:9]\n");
        Assert.Equal(TimeSpan.FromSeconds(1), config.Checks[0].Timeout);
    }

    [Theory]
    [InlineData("intervall: 2s\nchecks: []\n", "reach.yaml:1:1: intervall: unknown key 'intervall'")]
    [InlineData("checks:\n  - name: web\n    targets: [10.0.0.5]\n    port: [80]\n", "reach.yaml:4:5: checks[0].port: unknown key 'port'")]
    [InlineData("checks:\n  - name: web\n    targets: [10.0.0.5]\n    ports: [80, htps]\n", "reach.yaml:4:17: checks[0].ports[1]: unknown service 'htps'")]
    [InlineData("checks:\n  - name: web\n    targets: [10.0.0.5]\n    ports: [70000]\n", "reach.yaml:4:13: checks[0].ports[0]: port 70000 is out of range")]
    [InlineData("interval: 2 s\nchecks: []\n", "reach.yaml:1:11: interval: '2 s' is not a duration")]
    [InlineData("interval: fast\nchecks: []\n", "reach.yaml:1:11: interval: 'fast' is not a duration")]
    [InlineData("down_after: 0\nchecks: []\n", "reach.yaml:1:13: down_after: '0' is not a whole number from 1 to 1000")]
    [InlineData("checks:\n  - name: web\n    targets: [10.0.0.5:80\n", "reach.yaml:4:1: malformed YAML")]
    [InlineData("checks:\n\t- name: web\n", "reach.yaml:2:1: malformed YAML")]
    [InlineData("checks: []\n", "reach.yaml:1:9: checks: the list is empty")]
    [InlineData("interval: 2s\n", "reach.yaml:1:1: checks: missing")]
    [InlineData("", "reach.yaml: the file is empty")]
    [InlineData("checks:\n  - name: web\n    targets: [10.0.0.5]\n", "reach.yaml:2:5: checks[0]: target '10.0.0.5' has no port")]
    [InlineData("checks:\n  - name: web\n    targets: [10.0.0.5]\n    ports: [80]\n    timeout: 5s\n    interval: 1s\n", "reach.yaml:5:14: checks[0].timeout: the timeout (5s) is longer than the interval (1s)")]
    [InlineData("interval: 1s\ntimeout: 5s\nchecks:\n  - name: web\n    targets: [10.0.0.5:80]\n", "reach.yaml:2:10: timeout: the timeout (5s) is longer than the interval (1s)")]
    [InlineData("timeout: 5s\nchecks:\n  - name: web\n    targets: [10.0.0.5:80]\n    interval: 1s\n", "reach.yaml:5:15: checks[0].interval: the interval (1s) is shorter than the top-level timeout (5s): give this check a timeout of at most 1s")]
    [InlineData("checks:\n  - name: p\n    type: icmp\n    targets: [10.0.0.5]\n    ports: [80]\n", "reach.yaml:5:12: checks[0]: an icmp check has no ports")]
    [InlineData("checks:\n  - name: p\n    type: udp\n    targets: [10.0.0.5]\n", "reach.yaml:3:11: checks[0].type: 'udp' is not one of tcp, icmp, tls")]
    [InlineData("checks:\n  - name: a\n    targets: [10.0.0.5:80]\n  - name: A\n    targets: [10.0.0.6:80]\n", "reach.yaml:4:5: checks[1].name: 'A' is used by another check")]
    [InlineData("checks:\n  - name: a\n    targets: [10.0.0.256]\n    ports: [80]\n", "reach.yaml:3:15: checks[0].targets[0]: '10.0.0.256' is not a valid IPv4 address")]
    [InlineData("checks:\n  - name: a\n    targets: [10.0.0.0/8]\n    ports: [80]\n", "checks[0]: the checks so far expand to 16777214 probes per round")]
    [InlineData("checks:\n  - name: a\n    targets: [10.0.0.1:80]\n    profile: dc\n", "reach.yaml:4:14: checks[0].profile: unknown profile 'dc'")]
    [InlineData("checks:\n  - targets: [10.0.0.1:80]\n", "reach.yaml:2:5: checks[0].name: missing")]
    [InlineData("checks:\n  - name: a\n    targets: [10.0.0.1:80]\nalerts:\n  - webhook: ftp://x/y\n", "reach.yaml:5:14: alerts[0].webhook: 'ftp://x/y' is not an http:// or https:// URL")]
    [InlineData("checks:\n  - name: a\n    targets: [10.0.0.1:80]\nalerts:\n  - webhook: http://x/y\n    template: discord\n", "reach.yaml:6:15: alerts[0].template: 'discord' is not one of generic, slack, teams, telegram")]
    [InlineData("checks:\n  - name: a\n    targets: [10.0.0.1:80]\nalerts:\n  - sms: 123\n", "reach.yaml:5:5: alerts[0]: each alert is one of")]
    [InlineData("checks:\n  - name: a\n    targets: [10.0.0.1:80]\nalerts:\n  - email: { host: h, from: nobody, to: a@b.c }\n", "reach.yaml:5:29: alerts[0].email: 'nobody' is not a mail address")]
    [InlineData("checks:\n  - name: a\n    targets: [10.0.0.1:80]\nrepeat: often\n", "reach.yaml:4:9: repeat: 'often' is not a duration")]
    public void BadConfig_OneLineError_NamingFileLineAndKey(string yaml, string expected)
    {
        using var dir = new TempDirectory();
        var path = dir.File("reach.yaml", yaml);

        var error = Assert.Throws<ConfigException>(() => WatchConfigLoader.Load(path, TestContext.Current.CancellationToken));

        Assert.DoesNotContain('\n', error.Message);
        Assert.StartsWith(path, error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Contains(expected, StringComparison.Ordinal), error.Message);
    }

    [Fact]
    public void MissingTargetsFile_NamesTheConfigLineAndTheFile()
    {
        using var dir = new TempDirectory();
        var path = dir.File("reach.yaml", "checks:\n  - name: dcs\n    targets_file: servers.txt\n    profile: ad-dc\n");

        var error = Assert.Throws<ConfigException>(() => WatchConfigLoader.Load(path, TestContext.Current.CancellationToken));

        Assert.Contains("reach.yaml:3:19: checks[0].targets_file: cannot read targets file", error.Message, StringComparison.Ordinal);
        Assert.Contains("servers.txt", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BadLineInTargetsFile_NamesThatFileAndLine()
    {
        using var dir = new TempDirectory();
        dir.File("servers.txt", "dc01\n\n10.0.0.300\n");
        var path = dir.File("reach.yaml", "checks:\n  - name: dcs\n    targets_file: servers.txt\n    profile: ad-dc\n");

        var error = Assert.Throws<ConfigException>(() => WatchConfigLoader.Load(path, TestContext.Current.CancellationToken));

        Assert.Contains("servers.txt:3: '10.0.0.300' is not a valid IPv4 address", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{a: ", "}", 1, 9)]
    [InlineData("[", "]", 1, 9)]
    [InlineData("\n  - ", "", 2, 3)]
    public void NestedDeeperThanTheLimit_IsMalformed_AtTheLevelPastIt(string open, string close, int line, int firstColumn)
    {
        using var dir = new TempDirectory();
        const int depth = DepthLimitedParser.MaxDepth + 10;
        var nested = string.Concat(Enumerable.Range(0, depth).Select(i => open.StartsWith('\n') ? "\n" + new string(' ', 2 * i) + "  - " : open))
            + "1" + string.Concat(Enumerable.Repeat(close, depth));
        var path = dir.File("reach.yaml", "checks: " + nested + "\n");

        var error = Assert.Throws<ConfigException>(() => WatchConfigLoader.Load(path, TestContext.Current.CancellationToken));

        // The root mapping is level 1: the 64th nested collection is the one past the limit.
        var column = open.StartsWith('\n') ? firstColumn + (2 * (DepthLimitedParser.MaxDepth - 1)) : firstColumn + (open.Length * (DepthLimitedParser.MaxDepth - 1));
        var expectedLine = open.StartsWith('\n') ? line + DepthLimitedParser.MaxDepth - 1 : line;
        Assert.Equal($"{path}:{expectedLine}:{column}: malformed YAML: nested deeper than 64 levels of lists and mappings", error.Message);
    }

    [Theory]
    [InlineData("interval: {2s\ntimeout: 1s\nchecks:\n  - name: web\n    targets: [127.0.0.1:80]\n", "reach.yaml:1:11: malformed YAML: '{' is never closed")]
    [InlineData("interval: 2s\nchecks:\n  - name: web\n    targets: [127.0.0.1:80\n    ports: [80]\n  - name: db\n    targets: [127.0.0.1:5432]\n", "reach.yaml:4:14: malformed YAML: '[' is never closed")]
    public void UnclosedFlowCollection_WhereTheScannerGivesUp_NamesTheBracket(string yaml, string expected)
    {
        using var dir = new TempDirectory();
        var path = dir.File("reach.yaml", yaml);

        var error = Assert.Throws<ConfigException>(() => WatchConfigLoader.Load(path, TestContext.Current.CancellationToken));

        Assert.DoesNotContain('\n', error.Message);
        Assert.True(error.Message.Contains(expected, StringComparison.Ordinal), error.Message);
    }

    [Fact]
    public void EveryBracketInserted_AnywhereInAConfig_IsAConfigErrorOrLoads()
    {
        // The outside verification found the unclosed '{' by inserting one; this does it at every position.
        var good = ConfigSamples.IssueExample.Replace("targets_file: servers.txt", "targets: [dc01]", StringComparison.Ordinal);
        for (var i = 0; i <= good.Length; i++)
        {
            foreach (var bracket in "[{")
            {
                try
                {
                    WatchConfigLoader.Parse(good.Insert(i, bracket.ToString()), "reach.yaml", "/nonexistent", TestContext.Current.CancellationToken);
                }
                catch (ConfigException ex)
                {
                    Assert.DoesNotContain('\n', ex.Message);
                }
            }
        }
    }

    [Fact]
    public void TargetsFileWithoutLineEnds_DevZero_IsRefusedAtTheLineLimit_NamingTheFile()
    {
        using var dir = new TempDirectory();
        var path = dir.File("reach.yaml", "checks:\n  - name: dcs\n    targets_file: /dev/zero\n    ports: [22]\n");

        var error = Assert.Throws<ConfigException>(() => WatchConfigLoader.Load(path, TestContext.Current.CancellationToken));

        Assert.Equal($"{path}:3:19: checks[0].targets_file: /dev/zero:1: the line is longer than 4096 characters, the most a targets file line may have", error.Message);
    }

    [Fact]
    public void TargetsFileLargerThanTheLimit_IsRefused_NamingTheFileAndTheLimit()
    {
        using var dir = new TempDirectory();
        var big = Path.Combine(dir.Path, "servers.txt");
        using (var writer = new StreamWriter(big))
        {
            var line = new string('#', 1000);
            for (var written = 0L; written <= ListFile.MaxFileBytes; written += line.Length + 1)
            {
                writer.Write(line + "\n");
            }
        }

        var path = dir.File("reach.yaml", "checks:\n  - name: dcs\n    targets_file: servers.txt\n    ports: [22]\n");

        var error = Assert.Throws<ConfigException>(() => WatchConfigLoader.Load(path, TestContext.Current.CancellationToken));

        Assert.Matches($"^{Regex.Escape($"{path}:3:19: checks[0].targets_file: {big}:")}[0-9]+: the file goes on past 16 MiB, the most reach reads from a targets file$", error.Message);
    }

    [Fact]
    public void ConfigThatNeverEnds_DevZero_IsRefusedAtTheSizeLimit()
    {
        var error = Assert.Throws<ConfigException>(() => WatchConfigLoader.Load("/dev/zero", TestContext.Current.CancellationToken));

        Assert.Equal("/dev/zero: cannot read the configuration: larger than 16 MiB, the most reach reads (is it a text file?)", error.Message);
    }

    [Fact]
    public void TargetsFile_CrLfAndByteOrderMark_AreLineEnds_NotTargets()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(Path.Combine(dir.Path, "servers.txt"), "\uFEFFdc01\r\n10.0.0.10 # new\r\n\r\n10.0.0.11", new System.Text.UTF8Encoding(false));
        var path = dir.File("reach.yaml", "checks:\n  - name: dcs\n    targets_file: servers.txt\n    ports: [22]\n");

        var config = WatchConfigLoader.Load(path, TestContext.Current.CancellationToken);

        Assert.Equal(["dc01", "10.0.0.10", "10.0.0.11"], config.Checks[0].Targets.Select(t => t.Text));
    }

    [Fact]
    public void MissingConfigFile_OneLine()
    {
        var error = Assert.Throws<ConfigException>(() => WatchConfigLoader.Load("/nonexistent/reach.yaml", TestContext.Current.CancellationToken));
        Assert.StartsWith("/nonexistent/reach.yaml: cannot read the configuration", error.Message, StringComparison.Ordinal);
    }

    private static WatchConfig Parse(TempDirectory dir, string yaml) => WatchConfigLoader.Load(dir.File("reach.yaml", yaml), TestContext.Current.CancellationToken);
}
