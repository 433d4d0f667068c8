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

    [Theory]
    [InlineData("json")]
    [InlineData("jsonl")]
    public async Task ServiceOutput_ValidatesAgainstTheDocumentedSchema(string format)
    {
        var lines = await ScanServicesAsync(format);

        Assert.Contains("\"detected\"", string.Concat(lines), StringComparison.Ordinal);
        Assert.Contains("\"subject\"", string.Concat(lines), StringComparison.Ordinal);
        foreach (var line in lines)
        {
            DocumentedSchemas.AssertValid(Schema.Value, line);
        }
    }

    [Theory]
    [InlineData("detected")]
    [InlineData("detected/tls")]
    public async Task UnknownServiceField_IsRefused(string where)
    {
        var document = JsonNode.Parse((await ScanServicesAsync("json"))[0])!;
        var tlsPort = document["ports"]!.AsArray().First(p => p!["detected"]?["tls"] is JsonObject)!;

        Locate(tlsPort, where)["not_a_field"] = 1;

        Assert.False(DocumentedSchemas.Evaluate(Schema.Value, document.ToJsonString()).Valid, $"the schema accepted an unknown field at '{where}'");
    }

    /// <summary>
    /// Scans, with --service --tls --all, a greeting, a TLS port, a silent port (all this test's) and one it closed:
    /// the output's documents.
    /// </summary>
    private static async Task<string[]> ScanServicesAsync(string format)
    {
        using var greeting = CliRunner.ListenGreeting("SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n"u8.ToArray());
        using var tls = CliRunner.ListenTls();
        using var silent = CliRunner.Listen();
        var ports = string.Join(',', new[] { CliRunner.PortOf(greeting), CliRunner.PortOf(tls), CliRunner.PortOf(silent), CliRunner.ClosedPort() }.Select(p => p.ToString(CultureInfo.InvariantCulture)));

        var (code, output, error) = await CliRunner.RunAsync("scan", "127.0.0.1", "-p", ports, "--all", "--service", "--tls", "--service-timeout", "300ms", "--format", format);

        Assert.True(code == 0, $"exit {code}: {error}");
        return format == "json" ? [output] : output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
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
