using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Reach.Cli.Tests.Commands;

/// <summary>The JSON schemas in docs/schemas, found from the test output folder, and one way to check a document against them.</summary>
internal static class DocumentedSchemas
{
    private static readonly Lazy<string> Folder = new(() =>
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !Directory.Exists(Path.Combine(directory.FullName, "docs", "schemas")))
        {
            directory = directory.Parent;
        }

        Assert.NotNull(directory);
        return Path.Combine(directory.FullName, "docs", "schemas");
    });

    /// <summary>The file names of every documented schema (check.schema.json, …).</summary>
    public static IEnumerable<string> Names() => Directory.EnumerateFiles(Folder.Value, "*.schema.json").Select(p => Path.GetFileName(p)!).Order(StringComparer.Ordinal);

    public static string Text(string name) => File.ReadAllText(Path.Combine(Folder.Value, name));

    public static JsonSchema Load(string name) => JsonSchema.FromText(Text(name));

    /// <summary>The schema's verdict on <paramref name="json"/>, with every failed keyword and where it failed.</summary>
    public static (bool Valid, string Problems) Evaluate(JsonSchema schema, string json)
    {
        ArgumentNullException.ThrowIfNull(schema);
        using var document = JsonDocument.Parse(json);
        var result = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        var problems = string.Join("; ", (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")));
        return (result.IsValid, problems);
    }

    public static void AssertValid(JsonSchema schema, string json)
    {
        var (valid, problems) = Evaluate(schema, json);
        Assert.True(valid, problems + "\n" + json);
    }

    /// <summary>The JSON pointer of every object schema (one with "properties") that does not say additionalProperties: false.</summary>
    public static List<string> OpenObjects(string schemaText)
    {
        var open = new List<string>();
        Walk(JsonNode.Parse(schemaText), "#", open);
        return open;
    }

    private static void Walk(JsonNode? node, string pointer, List<string> open)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj.ContainsKey("properties") && obj["additionalProperties"]?.GetValueKind() != JsonValueKind.False)
                {
                    open.Add(pointer);
                }

                foreach (var (key, child) in obj)
                {
                    Walk(child, $"{pointer}/{key}", open);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Walk(array[i], $"{pointer}/{i}", open);
                }

                break;
        }
    }
}
