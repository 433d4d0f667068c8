using Reach.Checking;
using Reach.Monitoring.Config;
using Reach.Monitoring.Expansion;
using Reach.Monitoring.Tests.TestSupport;

namespace Reach.Monitoring.Tests.Config;

/// <summary>http and expect checks in reach.yaml: defaults, every key, URL targets, and one line naming a bad key.</summary>
public class HttpCheckConfigTests
{
    private const string Http = "checks:\n  - name: web\n    type: http\n    targets: [\"web.test:8080\"]\n";
    private const string Expect = "checks:\n  - name: smtp\n    type: expect\n    targets: [\"mail.test:25\"]\n";

    [Fact]
    public void HttpCheck_Defaults_RootPath_2xxAnd3xx_NoBodyMatch_NoFollow_CertificateJudged()
    {
        var check = Load(Http);

        Assert.Equal(CheckType.Http, check.Type);
        var http = check.Http!;
        Assert.Equal(("/", null, null, false), (http.Path, http.Body, http.MaxResponseTime, http.Follow));
        Assert.Equal([new StatusRange(200, 399)], http.Accepted);
        Assert.NotNull(check.Tls); // an https answer's certificate is judged as a tls check judges it
        Assert.False(check.Tls.Insecure);
        Assert.Null(check.Expect);
    }

    [Fact]
    public void HttpCheck_EveryKey()
    {
        var check = Load(Http + "    path: /healthz?full=1\n    status: 200,301-302\n    body: '\"status\":\"ok\"'\n    body_regex: 'v\\d+'\n    max_response_time: 750ms\n    follow: true\n    insecure: true\n    warn_days: 30\n    timeout: 2s\n");

        var http = check.Http!;
        Assert.Equal(("/healthz?full=1", true, TimeSpan.FromMilliseconds(750)), (http.Path, http.Follow, http.MaxResponseTime));
        Assert.Equal([new StatusRange(200, 200), new StatusRange(301, 302)], http.Accepted);
        Assert.True(http.Body!.IsMatch("{\"status\":\"ok\",\"version\":\"v12\"}"));
        Assert.False(http.Body.IsMatch("{\"status\":\"ok\"}")); // the regex too
        Assert.Equal((true, 30), (check.Tls!.Insecure, check.Tls.WarnDays));
    }

    [Fact]
    public void UrlTargets_CarryTheirUrl_AndTheirHostAndPortAreTheKey()
    {
        var targets = TargetExpander.Expand(Load("checks:\n  - name: web\n    type: http\n    targets: [\"https://Shop.example.test/health\", \"http://10.0.0.7:8080/\", \"api.test:443\"]\n")).ToList();

        Assert.Equal(["web/shop.example.test:443", "web/10.0.0.7:8080", "web/api.test:443"], targets.Select(t => t.Key.ToString()));
        Assert.Equal(new Uri("https://shop.example.test/health"), targets[0].Url);
        Assert.Equal(new Uri("http://10.0.0.7:8080/"), targets[1].Url);
        Assert.Null(targets[2].Url);
    }

    [Fact]
    public void ExpectCheck_SendsWithYamlEscapes_AndMatches()
    {
        var check = Load(Expect + "    send: \"EHLO reach.test\\r\\n\"\n    expect: \"250\"\n    expect_regex: '^250[ -]'\n");

        var expect = check.Expect!;
        Assert.Equal("EHLO reach.test\r\n"u8.ToArray(), expect.Send.ToArray());
        Assert.True(expect.Match.IsMatch("220 mail\r\n250-mail.test\r\n"));
        Assert.False(expect.Match.IsMatch("220 mail 250\r\n"));
        Assert.Null(check.Http);
        Assert.Null(check.Tls);
    }

    [Fact]
    public void ExpectCheck_WithoutSend_OnlyListens() =>
        Assert.True(Load(Expect + "    expect: ESMTP\n").Expect!.Send.IsEmpty);

    [Theory]
    [InlineData(Http + "    status: 2xx,600\n", "reach.yaml:5:13: checks[0].status: '600' is not a status code, range or class")]
    [InlineData(Http + "    path: healthz\n", "reach.yaml:5:11: checks[0].path: 'healthz' is not a path: it starts with '/'")]
    [InlineData(Http + "    body: ''\n", "checks[0].body: must not be empty")]
    [InlineData(Http + "    body_regex: '(a)\\1'\n", "checks[0].body_regex: '(a)\\1' uses back-references, look-arounds or atomic groups")]
    [InlineData(Http + "    body_regex: '(unclosed'\n", "checks[0].body_regex: '(unclosed' is not a valid regular expression")]
    [InlineData(Http + "    timeout: 1s\n    max_response_time: 2s\n", "checks[0].max_response_time: max_response_time (2s) is longer than the timeout (1s)")]
    [InlineData(Http + "    starttls: smtp\n", "checks[0].starttls: an http check has no 'starttls'")]
    [InlineData(Http + "    send: PING\n", "checks[0].send: only an expect check has 'send'")]
    [InlineData(Expect + "    path: /\n", "checks[0].path: only an http check has 'path'")]
    [InlineData(Expect + "    send: PING\n", "checks[0]: an expect check needs 'expect' (a substring) or 'expect_regex'")]
    [InlineData(Expect + "    expect_regex: '(?<=a)b'\n", "checks[0].expect_regex: '(?<=a)b' uses back-references, look-arounds")]
    [InlineData("checks:\n  - name: web\n    targets: [\"https://web.test/\"]\n", "checks[0].targets: 'https://web.test/' is a URL: only an http check takes URL targets")]
    [InlineData("checks:\n  - name: web\n    type: http\n    targets: [\"https://web.test/a\", \"https://web.test/b\"]\n", "checks[0].targets: 'https://web.test/a' and 'https://web.test/b' are on the same host and port")]
    public void BadKey_OneLineError_NamingIt(string yaml, string expected)
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
