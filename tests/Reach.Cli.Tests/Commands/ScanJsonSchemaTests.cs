using System.Globalization;
using System.Text.Json.Nodes;

namespace Reach.Cli.Tests.Commands;

/// <summary>
/// What <c>reach scan --format json|jsonl</c> prints (every JSON Lines record, the json document, <c>--list</c>,
/// <c>--down</c>) validates against docs/schemas/scan.schema.json, and the schema refuses fields reach does not write.
/// Scans only a port this test listens on and one it opened and closed, on loopback.
/// </summary>
public class ScanJsonSchemaTests
{
    private static readonly Lazy<Json.Schema.JsonSchema> Schema = new(() => DocumentedSchemas.Load("scan.schema.json"));

    public static TheoryData<string> Shapes => ["json", "jsonl", "json --all", "jsonl --all", "json --down", "jsonl --down --all", "json --list", "jsonl --list"];

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task Output_ValidatesAgainstTheDocumentedSchema(string shape)
    {
        var lines = await ScanAsync(shape);

        Assert.NotEmpty(lines);
        foreach (var line in lines)
        {
            DocumentedSchemas.AssertValid(Schema.Value, line);
        }
    }

    [Theory]
    [InlineData("json", "")]
    [InlineData("json", "/summary")]
    [InlineData("json --all", "/ports/0")]
    [InlineData("json --down", "/down_hosts/0")]
    [InlineData("jsonl", "")]
    [InlineData("jsonl --list", "")]
    public async Task UnknownField_IsRefused(string shape, string where)
    {
        var lines = await ScanAsync(shape);
        var record = JsonNode.Parse(lines[0])!;

        Locate(record, where)["not_a_field"] = 1;

        Assert.False(DocumentedSchemas.Evaluate(Schema.Value, record.ToJsonString()).Valid, $"the schema accepted an unknown field at '{where}'");
    }

    private static JsonObject Locate(JsonNode root, string pointer)
    {
        var node = root;
        foreach (var step in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            node = int.TryParse(step, NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? node[index]! : node[step]!;
        }

        return (JsonObject)node;
    }

    /// <summary>Scans 127.0.0.1 on a port this test listens on and one it closed: the output's documents.</summary>
    private static async Task<string[]> ScanAsync(string shape)
    {
        using var listener = CliRunner.Listen();
        var open = CliRunner.PortOf(listener);
        var closed = CliRunner.ClosedPort();
        var words = shape.Split(' ');
        string[] args = ["scan", "127.0.0.1", "-p", string.Create(CultureInfo.InvariantCulture, $"{open},{closed}"), "--format", words[0], .. words[1..]];

        var (code, output, error) = await CliRunner.RunAsync(args);

        Assert.True(code is 0 or 1, $"exit {code}: {error}");
        // --format json is one indented document; JSON Lines (and --list in either format) one record per line.
        return words[0] == "json" && !words.Contains("--list") ? [output] : output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
