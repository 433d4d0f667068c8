using System.Globalization;
using System.Text.Json.Nodes;

namespace Reach.Cli.Tests.Commands;

/// <summary>What `reach check --json` prints must validate against the schema documented in docs/, which refuses fields reach does not write.</summary>
public class CheckJsonSchemaTests
{
    private static readonly Lazy<Json.Schema.JsonSchema> Schema = new(() => DocumentedSchemas.Load("check.schema.json"));

    public static TheoryData<string> Shapes => ["open", "closed", "detailed", "ping-only", "list", "banner", "tls", "http"];

    public static TheoryData<string> SchemaNames => [.. DocumentedSchemas.Names()];

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task Output_ValidatesAgainstTheDocumentedSchema(string shape)
    {
        var output = await CheckAsync(shape);

        DocumentedSchemas.AssertValid(Schema.Value, output);
    }

    [Theory]
    [InlineData("open", "")]
    [InlineData("open", "/resolution")]
    [InlineData("open", "/ping")]
    [InlineData("open", "/results/0")]
    [InlineData("detailed", "/results/0/route")]
    [InlineData("banner", "/results/0/banner")]
    [InlineData("tls", "/results/0/tls")]
    [InlineData("tls", "/results/0/tls/chain/0")]
    [InlineData("http", "/results/0/http")]
    [InlineData("http", "/results/0/http/timing_ms")]
    [InlineData("list", "")]
    [InlineData("list", "/summary")]
    [InlineData("list", "/targets/0")]
    public async Task UnknownField_IsRefused(string shape, string where)
    {
        var document = JsonNode.Parse(await CheckAsync(shape))!;

        var node = document;
        foreach (var step in where.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            node = int.TryParse(step, NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? node[index]! : node[step]!;
        }

        node.AsObject()["not_a_field"] = 1;

        Assert.False(DocumentedSchemas.Evaluate(Schema.Value, document.ToJsonString()).Valid, $"the schema accepted an unknown field at '{where}'");
    }

    [Theory]
    [MemberData(nameof(SchemaNames))]
    public void EveryObjectOfEveryDocumentedSchema_RefusesUnknownFields(string name)
    {
        Assert.Empty(DocumentedSchemas.OpenObjects(DocumentedSchemas.Text(name)));
    }

    private static async Task<string> CheckAsync(string shape)
    {
        using var listener = shape switch
        {
            "banner" => CliRunner.ListenGreeting("SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n"u8.ToArray()),
            "tls" => CliRunner.ListenTls(),
            "http" => CliRunner.ListenHttp("HTTP/1.1 301 Moved Permanently\r\nServer: test\r\nLocation: /next\r\nContent-Length: 0\r\n\r\n"),
            _ => CliRunner.Listen(),
        };
        var open = CliRunner.PortOf(listener).ToString(CultureInfo.InvariantCulture);
        var closed = CliRunner.ClosedPort().ToString(CultureInfo.InvariantCulture);
        string[] args = shape switch
        {
            "open" => ["check", "127.0.0.1", open, "--no-ping"],
            "closed" => ["check", "127.0.0.1", closed],
            "detailed" => ["check", "127.0.0.1", open, "--detailed"],
            "ping-only" => ["check", "127.0.0.1"],
            "banner" => ["check", "127.0.0.1", open, "--no-ping", "--banner"],
            "tls" => ["check", "127.0.0.1", open, "--no-ping", "--tls", "--insecure"],
            "http" => ["check", $"http://127.0.0.1:{open}/old", "--no-ping", "--no-banner"],
            _ => ["check", $"127.0.0.1:{open}", $"[::1]:{closed}", "--no-ping"],
        };

        var (_, output, error) = await CliRunner.RunAsync([.. args, "--json"]);

        Assert.Empty(error);
        return output;
    }
}
