using System.Globalization;
using System.Text.Json;
using Json.Schema;

namespace Reach.Cli.Tests.Commands;

/// <summary>What `reach check --json` prints must validate against the schema documented in docs/.</summary>
public class CheckJsonSchemaTests
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "docs", "schemas", "check.schema.json")))
        {
            directory = directory.Parent;
        }

        Assert.NotNull(directory);
        return JsonSchema.FromText(File.ReadAllText(Path.Combine(directory.FullName, "docs", "schemas", "check.schema.json")));
    });

    public static TheoryData<string> Shapes => ["open", "closed", "detailed", "ping-only", "list"];

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task Output_ValidatesAgainstTheDocumentedSchema(string shape)
    {
        using var listener = CliRunner.Listen();
        var open = CliRunner.PortOf(listener).ToString(CultureInfo.InvariantCulture);
        var closed = CliRunner.ClosedPort().ToString(CultureInfo.InvariantCulture);
        string[] args = shape switch
        {
            "open" => ["check", "127.0.0.1", open, "--no-ping"],
            "closed" => ["check", "127.0.0.1", closed],
            "detailed" => ["check", "127.0.0.1", open, "--detailed"],
            "ping-only" => ["check", "127.0.0.1"],
            _ => ["check", $"127.0.0.1:{open}", $"[::1]:{closed}", "--no-ping"],
        };

        var (_, output, error) = await CliRunner.RunAsync([.. args, "--json"]);

        Assert.Empty(error);
        using var document = JsonDocument.Parse(output);
        var result = Schema.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        var problems = string.Join("; ", (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")));
        Assert.True(result.IsValid, problems + "\n" + output);
    }
}
