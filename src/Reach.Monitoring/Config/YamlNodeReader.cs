using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Reach.Monitoring.Config;

/// <summary>
/// Typed reads of YAML nodes that fail with <c>file:line:column: key.path: message</c>. The YAML is read as a node
/// tree (no reflection, so the NativeAOT binary deserializes nothing by reflection) precisely so that every error
/// can point at the line of the offending key or value.
/// </summary>
internal sealed class YamlNodeReader(string file)
{
    public string File { get; } = file;

    public ConfigException Error(YamlNode node, string path, string message) =>
        new($"{File}:{node.Start.Line}:{node.Start.Column}: {path}: {message}");

    public ConfigException Error(YamlNode node, string message) =>
        new($"{File}:{node.Start.Line}:{node.Start.Column}: {message}");

    public YamlMappingNode Mapping(YamlNode node, string path) =>
        node as YamlMappingNode ?? throw Error(node, path, $"expected a mapping (key: value lines), found {Describe(node)}");

    public YamlSequenceNode Sequence(YamlNode node, string path) =>
        node as YamlSequenceNode ?? throw Error(node, path, $"expected a list ([a, b] or '- ' lines), found {Describe(node)}");

    /// <summary>A scalar's text; null for an empty value (<c>key:</c> or <c>~</c>) unless it is quoted.</summary>
    public string? Scalar(YamlNode node, string path)
    {
        var scalar = node as YamlScalarNode ?? throw Error(node, path, $"expected a single value, found {Describe(node)}");
        return IsNull(scalar) ? null : scalar.Value;
    }

    public string RequiredScalar(YamlNode node, string path) =>
        Scalar(node, path) is { Length: > 0 } text ? text : throw Error(node, path, "must not be empty");

    /// <summary>A single value or a list of values, as a list (<c>to: a@x</c> and <c>to: [a@x, b@x]</c> both work).</summary>
    public IReadOnlyList<(string Text, YamlNode Node)> ScalarOrList(YamlNode node, string path)
    {
        if (node is YamlScalarNode)
        {
            return [(RequiredScalar(node, path), node)];
        }

        var items = new List<(string, YamlNode)>();
        var index = 0;
        foreach (var item in Sequence(node, path))
        {
            items.Add((RequiredScalar(item, $"{path}[{index}]"), item));
            index++;
        }

        return items;
    }

    public int Integer(YamlNode node, string path, int min, int max)
    {
        var text = RequiredScalar(node, path);
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw Error(node, path, $"'{text}' is not a whole number from {min} to {max}");
        }

        return value;
    }

    public TimeSpan Duration(YamlNode node, string path, TimeSpan min)
    {
        var text = RequiredScalar(node, path);
        if (!ConfigDuration.TryParse(text, out var value, out var error))
        {
            throw Error(node, path, error);
        }

        if (value < min)
        {
            throw Error(node, path, $"'{text}' is too short (at least {ConfigDuration.Format(min)})");
        }

        return value;
    }

    public bool Boolean(YamlNode node, string path)
    {
        var text = RequiredScalar(node, path);
        return text.ToUpperInvariant() switch
        {
            "TRUE" or "YES" or "ON" => true,
            "FALSE" or "NO" or "OFF" => false,
            _ => throw Error(node, path, $"'{text}' is not true or false"), // as written, not upper-cased
        };
    }

    public T Enum<T>(YamlNode node, string path, IReadOnlyDictionary<string, T> names)
    {
        var text = RequiredScalar(node, path);
        return names.TryGetValue(text.ToUpperInvariant(), out var value)
            ? value
            : throw Error(node, path, $"'{text}' is not one of {string.Join(", ", names.Keys.Select(k => k.ToLowerInvariant()))}");
    }

    /// <summary>Reads a mapping's keys, refusing any key that is not listed: a typo must not silently mean "default".</summary>
    public MappingFields Fields(YamlNode node, string path, params string[] known) => new(this, Mapping(node, path), path, known);

    private static bool IsNull(YamlScalarNode scalar) =>
        scalar.Style == YamlDotNet.Core.ScalarStyle.Plain && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";

    private static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode s when IsNull(s) => "nothing",
        YamlScalarNode s => $"'{s.Value}'",
        _ => node.NodeType.ToString(),
    };
}
