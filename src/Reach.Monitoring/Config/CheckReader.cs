using System.Text.RegularExpressions;
using Reach.Scanning;
using Reach.Targets;
using Reach.Text;
using YamlDotNet.RepresentationModel;

namespace Reach.Monitoring.Config;

/// <summary>Reads one item of <c>checks:</c>.</summary>
internal sealed partial class CheckReader(YamlNodeReader reader, string baseDirectory, CheckDefaults defaults, List<string> filesRead, CancellationToken cancellationToken)
{
    public static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(100);
    public static readonly TimeSpan MinTimeout = TimeSpan.FromMilliseconds(10);

    private static readonly Dictionary<string, CheckType> Types = new(StringComparer.Ordinal)
    {
        ["TCP"] = CheckType.Tcp,
        ["ICMP"] = CheckType.Icmp,
        ["TLS"] = CheckType.Tls,
        ["HTTP"] = CheckType.Http,
        ["EXPECT"] = CheckType.Expect,
    };

    private static readonly string[] CommonKeys = ["name", "type", "targets", "targets_file", "ports", "profile", "interval", "timeout", "down_after", "up_after", "labels"];

    public CheckDefinition Read(YamlNode node, string path)
    {
        var f = reader.Fields(node, path, [.. CommonKeys, .. TlsSettingsReader.Keys, .. HttpSettingsReader.Keys, .. ExpectSettingsReader.Keys]);
        var nameNode = f["name"] ?? throw reader.Error(node, f.PathOf("name"), "missing: every check needs a name");
        var name = reader.RequiredScalar(nameNode, f.PathOf("name"));
        if (!NamePattern().IsMatch(name))
        {
            throw reader.Error(nameNode, f.PathOf("name"), $"'{name}' is not a valid name (letters, digits, '-', '_', '.'; up to 64)");
        }

        var type = f["type"] is { } t ? reader.Enum(t, f.PathOf("type"), Types) : CheckType.Tcp;
        var interval = f["interval"] is { } i ? reader.Duration(i, f.PathOf("interval"), MinInterval) : defaults.Interval;
        var timeout = f["timeout"] is { } to ? reader.Duration(to, f.PathOf("timeout"), MinTimeout) : (defaults.Timeout < interval ? defaults.Timeout : interval);
        if (f["timeout"] is null && defaults.TimeoutGiven && defaults.Timeout > interval)
        {
            // The top-level timeout was written down: shrinking it here would silently mean something else.
            throw reader.Error(f["interval"] ?? node, f.PathOf("interval"),
                $"the interval ({ConfigDuration.Format(interval)}) is shorter than the top-level timeout ({ConfigDuration.Format(defaults.Timeout)}): give this check a timeout of at most {ConfigDuration.Format(interval)}");
        }

        if (timeout > interval)
        {
            throw reader.Error(f["timeout"] ?? f["interval"] ?? node, f.PathOf("timeout"),
                $"the timeout ({ConfigDuration.Format(timeout)}) is longer than the interval ({ConfigDuration.Format(interval)}): every probe would overlap the next");
        }

        var targets = new List<TargetEntry>();
        if (f["targets"] is { } targetsNode)
        {
            var index = 0;
            foreach (var (text, itemNode) in reader.ScalarOrList(targetsNode, f.PathOf("targets")))
            {
                if (!TargetEntryParser.TryParse(text, out var entry, out var error))
                {
                    throw reader.Error(itemNode, $"{f.PathOf("targets")}[{index}]", error);
                }

                targets.Add(entry);
                index++;
            }
        }

        if (f["targets_file"] is { } fileNode)
        {
            targets.AddRange(ReadTargetsFile(fileNode, f.PathOf("targets_file")));
        }

        if (targets.Count == 0)
        {
            throw reader.Error(node, path, "no targets: give 'targets' or 'targets_file'");
        }

        CheckUrlTargets(targets, type, f["targets"] ?? node, f.PathOf("targets"));
        var ports = ReadPorts(f);
        if (type == CheckType.Icmp)
        {
            if (!ports.IsEmpty || targets.Any(t => t.Port is not null))
            {
                throw reader.Error(f["ports"] ?? f["profile"] ?? node, path, "an icmp check has no ports; remove 'ports', 'profile' and ':port' from its targets");
            }
        }
        else if (ports.IsEmpty && targets.FirstOrDefault(t => t.Port is null) is { } portless)
        {
            throw reader.Error(node, path, $"target '{portless.Text}' has no port: give 'ports' or 'profile', or write it as host:port");
        }

        return new CheckDefinition(
            name,
            type,
            targets,
            ports,
            interval,
            timeout,
            f["down_after"] is { } d ? reader.Integer(d, f.PathOf("down_after"), 1, 1000) : defaults.DownAfter,
            f["up_after"] is { } u ? reader.Integer(u, f.PathOf("up_after"), 1, 1000) : defaults.UpAfter,
            f["labels"] is { } l ? ReadLabels(l, f.PathOf("labels")) : new Dictionary<string, string>(),
            TlsSettingsReader.Read(reader, f, type, baseDirectory),
            HttpSettingsReader.Read(reader, f, type, timeout),
            ExpectSettingsReader.Read(reader, f, type, node, path));
    }

    /// <summary>
    /// URL targets belong to http checks, one URL per host and port: a target is a host and a port (its state and
    /// history hang off them), so a second path on the same one goes in a check of its own.
    /// </summary>
    private void CheckUrlTargets(List<TargetEntry> targets, CheckType type, YamlNode node, string path)
    {
        var urls = new Dictionary<(string Host, int Port), TargetEntry>();
        foreach (var entry in targets)
        {
            if (entry.Url is not { } url)
            {
                continue;
            }

            if (type != CheckType.Http)
            {
                throw reader.Error(node, path, $"{Printable.Quote(entry.Text)} is a URL: only an http check takes URL targets (type: http)");
            }

            var at = (url.IdnHost.ToLowerInvariant(), url.Port);
            if (urls.TryGetValue(at, out var first) && first.Url != url)
            {
                throw reader.Error(node, path,
                    $"{Printable.Quote(first.Text)} and {Printable.Quote(entry.Text)} are on the same host and port: a target is a host and port, so give the second a check of its own");
            }

            urls[at] = entry;
        }
    }

    private PortSet ReadPorts(MappingFields f)
    {
        var ports = PortSet.Empty;
        if (f["ports"] is { } portsNode)
        {
            var index = 0;
            foreach (var (text, itemNode) in reader.ScalarOrList(portsNode, f.PathOf("ports")))
            {
                if (!PortSetParser.TryParse(text, out var set, out var error))
                {
                    throw reader.Error(itemNode, $"{f.PathOf("ports")}[{index}]", error);
                }

                ports = ports.Union(set);
                index++;
            }
        }

        if (f["profile"] is { } profileNode)
        {
            foreach (var (text, itemNode) in reader.ScalarOrList(profileNode, f.PathOf("profile")))
            {
                if (!PortProfiles.TryGet(text, out var profile, out var error))
                {
                    throw reader.Error(itemNode, f.PathOf("profile"), error);
                }

                ports = ports.Union(profile.Ports);
            }
        }

        return ports;
    }

    private List<TargetEntry> ReadTargetsFile(YamlNode node, string path)
    {
        var file = reader.RequiredScalar(node, path);
        var full = Path.GetFullPath(Path.Combine(baseDirectory, file));
        filesRead.Add(full);
        // The same bounded, streamed reader as `-i` files: at most 4,096 characters a line, 1,048,576 lines, 16 MiB.
        if (!ListFile.TryRead<TargetEntry>(full, "targets", TargetEntryParser.TryParse, out var entries, out var error, cancellationToken))
        {
            throw reader.Error(node, path, error);
        }

        return entries.Count > 0 ? entries : throw reader.Error(node, path, $"{file}: no targets in the file");
    }

    private Dictionary<string, string> ReadLabels(YamlNode node, string path)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in reader.Mapping(node, path).Children)
        {
            var name = reader.RequiredScalar(key, path);
            if (!LabelPattern().IsMatch(name))
            {
                // Prometheus label names: the metrics endpoint will export labels as they are.
                throw reader.Error(key, $"{path}.{name}", "label names are letters, digits and '_', not starting with a digit");
            }

            labels[name] = reader.Scalar(value, $"{path}.{name}") ?? string.Empty;
        }

        return labels;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex LabelPattern();
}
