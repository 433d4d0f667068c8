using YamlDotNet.RepresentationModel;

namespace Reach.Monitoring.Config;

/// <summary>The keys of one YAML mapping, checked against the keys allowed there.</summary>
internal sealed class MappingFields
{
    private readonly Dictionary<string, (YamlNode Key, YamlNode Value)> fields = new(StringComparer.Ordinal);

    public MappingFields(YamlNodeReader reader, YamlMappingNode mapping, string path, IReadOnlyList<string> known)
    {
        Node = mapping;
        Path = path;
        foreach (var (keyNode, value) in mapping.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? throw reader.Error(keyNode, path, "keys must be plain words");
            if (!known.Contains(key, StringComparer.Ordinal))
            {
                var where = path.Length == 0 ? key : $"{path}.{key}";
                throw reader.Error(keyNode, where, $"unknown key '{key}' (known here: {string.Join(", ", known)})");
            }

            fields[key] = (keyNode, value);
        }
    }

    public YamlMappingNode Node { get; }

    public string Path { get; }

    public bool Has(string key) => fields.ContainsKey(key);

    /// <summary>The value of a key, or null when the key is absent.</summary>
    public YamlNode? this[string key] => fields.TryGetValue(key, out var field) ? field.Value : null;

    /// <summary>The key node itself (for errors about a key that is there but must not be).</summary>
    public YamlNode? KeyNode(string key) => fields.TryGetValue(key, out var field) ? field.Key : null;

    public string PathOf(string key) => Path.Length == 0 ? key : $"{Path}.{key}";
}
