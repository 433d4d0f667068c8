using System.Globalization;
using System.Text.Json.Nodes;
using Json.Schema;
using Reach.Monitoring.Tests.TestSupport;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Reach.Monitoring.Tests.Config;

/// <summary>docs/schemas/watch-config.schema.json accepts what reach accepts and refuses what it refuses.</summary>
public class WatchConfigSchemaTests
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "docs", "schemas", "watch-config.schema.json")))
        {
            directory = directory.Parent;
        }

        Assert.NotNull(directory);
        return JsonSchema.FromText(File.ReadAllText(Path.Combine(directory.FullName, "docs", "schemas", "watch-config.schema.json")));
    });

    [Fact]
    public void IssueExample_IsValid() => AssertValid(ConfigSamples.IssueExample);

    [Fact]
    public void EveryKey_IsValid() => AssertValid("""
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
            labels: { site: paris }
          - name: ssh
            targets: ["[fd00::7]:22", "db01 postgresql"]
            ports: ["8000-8002", RDP, 22]
            profile: [web, ad-dc]
          - name: shop
            type: http
            targets: ["https://shop.example.test/health", "web.test:8080"]
            path: /healthz
            status: 200-299,301
            body: '"ok"'
            body_regex: 'v[0-9]+'
            max_response_time: 1500ms
            follow: true
            insecure: false
            warn_days: 21
          - name: redis
            type: expect
            targets: ["cache.test:6379"]
            send: "PING\r\n"
            expect: "+PONG"
            expect_regex: '^\+PONG'
        alerts:
          - webhook: https://hooks.example/T0
            template: slack
            headers: { Authorization: "Bearer x" }
          - email: { host: 127.0.0.1, port: 25, tls: none, from: reach@localhost, to: [ops@localhost] }
          - command: /usr/local/bin/notify
            args: [--urgent]
        """);

    [Theory]
    [InlineData("intervall: 2s\nchecks: [{name: a, targets: [x:1]}]\n")]
    [InlineData("checks: [{name: a, targets: [x:1], port: 80}]\n")]
    [InlineData("checks: [{name: a, ports: [80]}]\n")]
    [InlineData("checks: [{name: a, targets: [x], ports: [70000]}]\n")]
    [InlineData("interval: fast\nchecks: [{name: a, targets: [x:1]}]\n")]
    [InlineData("down_after: 0\nchecks: [{name: a, targets: [x:1]}]\n")]
    [InlineData("checks: []\n")]
    [InlineData("checks: [{name: a, targets: [x:1]}]\nalerts: [{webhook: ftp://x}]\n")]
    [InlineData("checks: [{name: a, targets: [x:1]}]\nalerts: [{sms: 123}]\n")]
    [InlineData("checks: [{name: a, targets: [x:1], type: udp}]\n")]
    [InlineData("checks: [{name: a, targets: [x:1], type: http, path: healthz}]\n")]
    [InlineData("checks: [{name: a, targets: [x:1], type: expect, expect: ''}]\n")]
    public void BadFiles_AreInvalid(string yaml)
    {
        var result = Schema.Value.Evaluate(ToJson(yaml), new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.False(result.IsValid, yaml);
    }

    private static void AssertValid(string yaml)
    {
        var result = Schema.Value.Evaluate(ToJson(yaml), new EvaluationOptions { OutputFormat = OutputFormat.List });
        var problems = string.Join("; ", (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")));
        Assert.True(result.IsValid, problems);
    }

    /// <summary>YAML to JSON as a YAML language server sees it: plain scalars that look like numbers or booleans are typed.</summary>
    private static System.Text.Json.JsonElement ToJson(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        using var document = System.Text.Json.JsonDocument.Parse(Convert(stream.Documents[0].RootNode)?.ToJsonString() ?? "null");
        return document.RootElement.Clone();
    }

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(kv => KeyValuePair.Create(((YamlScalarNode)kv.Key).Value!, Convert(kv.Value)))),
        YamlSequenceNode seq => new JsonArray([.. seq.Children.Select(Convert)]),
        YamlScalarNode { Style: ScalarStyle.Plain } s when long.TryParse(s.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) => JsonValue.Create(n),
        YamlScalarNode { Style: ScalarStyle.Plain, Value: "true" or "false" } s => JsonValue.Create(s.Value == "true"),
        YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" or "~" or "null" } => null,
        YamlScalarNode s => JsonValue.Create(s.Value),
        _ => throw new InvalidOperationException(node.NodeType.ToString()),
    };
}
