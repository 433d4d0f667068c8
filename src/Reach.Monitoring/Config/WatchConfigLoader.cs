using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Reach.Monitoring.Config;

/// <summary>
/// Loads reach.yaml into a <see cref="WatchConfig"/>, or throws a <see cref="ConfigException"/> whose message is one
/// line: <c>reach.yaml:7:15: checks[0].ports[1]: unknown service 'htps'; did you mean https?</c>.
/// </summary>
internal static class WatchConfigLoader
{
    private static readonly string[] TopLevelKeys =
        ["interval", "timeout", "down_after", "up_after", "repeat", "concurrency", "history", "checks", "alerts"];

    /// <param name="path">The reach.yaml.</param>
    /// <param name="cancellationToken">Stops reading a large file (Ctrl+C, the service stopping): <see cref="OperationCanceledException"/>.</param>
    public static WatchConfig Load(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fullPath = System.IO.Path.GetFullPath(path);
        if (!BoundedTextFile.TryReadText(fullPath, cancellationToken, out var text, out var error))
        {
            throw new ConfigException($"{path}: cannot read the configuration: {error}");
        }

        return Parse(text, path, System.IO.Path.GetDirectoryName(fullPath) ?? ".", cancellationToken);
    }

    /// <summary>Parses configuration text. <paramref name="displayName"/> names the file in errors; relative
    /// <c>targets_file</c> paths are taken from <paramref name="baseDirectory"/>.</summary>
    public static WatchConfig Parse(string text, string displayName, string baseDirectory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        var reader = new YamlNodeReader(displayName);
        var root = LoadRoot(text, reader);
        var top = reader.Fields(root, string.Empty, TopLevelKeys);

        var defaults = CheckDefaults.Builtin;
        defaults = defaults with
        {
            Interval = top["interval"] is { } i ? reader.Duration(i, "interval", CheckReader.MinInterval) : defaults.Interval,
            Timeout = top["timeout"] is { } t ? reader.Duration(t, "timeout", CheckReader.MinTimeout) : defaults.Timeout,
            DownAfter = top["down_after"] is { } d ? reader.Integer(d, "down_after", 1, 1000) : defaults.DownAfter,
            UpAfter = top["up_after"] is { } u ? reader.Integer(u, "up_after", 1, 1000) : defaults.UpAfter,
        };
        if (top["timeout"] is { } timeoutNode)
        {
            defaults = defaults with { TimeoutGiven = true };
            if (defaults.Timeout > defaults.Interval)
            {
                throw reader.Error(timeoutNode, "timeout",
                    $"the timeout ({ConfigDuration.Format(defaults.Timeout)}) is longer than the interval ({ConfigDuration.Format(defaults.Interval)}): every probe would overlap the next");
            }
        }
        else if (defaults.Timeout > defaults.Interval)
        {
            // "interval: 1s" alone should work: the built-in 3 s timeout then shrinks to fit.
            defaults = defaults with { Timeout = defaults.Interval };
        }

        var repeat = top["repeat"] is { } r ? reader.Duration(r, "repeat", TimeSpan.Zero) : TimeSpan.Zero;
        var concurrency = top["concurrency"] is { } c ? reader.Integer(c, "concurrency", 1, 100_000) : WatchConfig.DefaultConcurrency;
        var history = top["history"] is { } h ? ReadHistory(reader, h) : HistoryRetention.Default;

        var checksNode = top["checks"] ?? throw reader.Error(root, "checks: missing: a configuration needs at least one check");
        var checks = new List<CheckDefinition>();
        var targetFiles = new List<string>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var index = 0;
        var expanded = 0L;
        foreach (var item in reader.Sequence(checksNode, "checks"))
        {
            var check = new CheckReader(reader, baseDirectory, defaults, targetFiles, cancellationToken).Read(item, $"checks[{index}]");
            if (!names.Add(check.Name))
            {
                throw reader.Error(item, $"checks[{index}].name", $"'{check.Name}' is used by another check; names must be unique");
            }

            expanded += Expansion.TargetExpander.Count(check);
            if (expanded > WatchConfig.MaxTargets)
            {
                throw reader.Error(item, $"checks[{index}]", $"the checks so far expand to {expanded} probes per round; at most {WatchConfig.MaxTargets} are allowed");
            }

            checks.Add(check);
            index++;
        }

        if (checks.Count == 0)
        {
            throw reader.Error(checksNode, "checks", "the list is empty: a configuration needs at least one check");
        }

        var alerts = top["alerts"] is { } a ? AlertReader.ReadAll(reader, a) : [];
        return new WatchConfig(
            System.IO.Path.GetFullPath(System.IO.Path.Combine(baseDirectory, displayName)),
            checks,
            alerts,
            repeat > TimeSpan.Zero ? repeat : null,
            history,
            concurrency)
        {
            TargetFiles = [.. targetFiles.Distinct(StringComparer.Ordinal)],
        };
    }

    private static YamlNode LoadRoot(string text, YamlNodeReader reader)
    {
        var stream = new YamlStream();
        var scanner = new Scanner(new StringReader(text));
        var parser = new DepthLimitedParser(new Parser(scanner), reader);
        try
        {
            stream.Load(parser);
        }
        catch (InvalidOperationException ex)
        {
            // YamlDotNet's scanner fails this way (not with a YamlException) on some unclosed flow collections
            // ("interval: {2s" followed by more lines): name the collection left open, else where reading stopped.
            var (at, what) = parser.OpenFlowCollection is { } flow
                ? (flow.Start, $"'{(flow.List ? '[' : '{')}' is never closed (a list ends with ']', a mapping with '}}')")
                : (scanner.CurrentPosition, "cannot be read from here on");
            throw new ConfigException($"{reader.File}:{at.Line}:{at.Column}: malformed YAML: {what}", ex);
        }
        catch (YamlException ex)
        {
            // YamlDotNet's messages start with "(Line: 3, Col: 5, Idx: …) - (…): "; keep only the cause.
            var message = ex.InnerException is { } inner && ex.Message.StartsWith("(Line", StringComparison.Ordinal) ? inner.Message : ex.Message;
            var cut = message.IndexOf("): ", StringComparison.Ordinal);
            message = message.StartsWith("(Line", StringComparison.Ordinal) && cut > 0 ? message[(cut + 3)..] : message;
            // Some errors are reported at the start of the enclosing block; the end mark is then where it went wrong.
            var (line, column) = ex.End.Line > ex.Start.Line ? (ex.End.Line, ex.End.Column) : (ex.Start.Line, ex.Start.Column);
            if (message.Contains("tab", StringComparison.OrdinalIgnoreCase) && FirstTabIndentedLine(text) is { } tabLine)
            {
                (line, column) = (tabLine, 1);
            }

            throw new ConfigException($"{reader.File}:{line}:{column}: malformed YAML: {message}", ex);
        }
        catch (ArgumentException ex)
        {
            // A key given twice in one mapping.
            throw new ConfigException($"{reader.File}: malformed YAML: {ex.Message}", ex);
        }

        if (stream.Documents.Count == 0)
        {
            throw new ConfigException($"{reader.File}: the file is empty: a configuration needs at least one check");
        }

        if (stream.Documents.Count > 1)
        {
            throw reader.Error(stream.Documents[1].RootNode, "only one YAML document is allowed (remove the second '---')");
        }

        return stream.Documents[0].RootNode;
    }

    /// <summary>YAML forbids tabs in indentation, and the parser reports that at the enclosing block: find the line.</summary>
    private static int? FirstTabIndentedLine(string text)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var indent = lines[i].Length - lines[i].TrimStart(' ', '\t').Length;
            if (lines[i].AsSpan(0, indent).Contains('\t'))
            {
                return i + 1;
            }
        }

        return null;
    }

    private static HistoryRetention ReadHistory(YamlNodeReader reader, YamlNode node)
    {
        var fields = reader.Fields(node, "history", "raw", "minutes", "hours");
        var defaults = HistoryRetention.Default;
        var raw = fields["raw"] is { } r ? reader.Duration(r, "history.raw", TimeSpan.FromHours(1)) : defaults.Raw;
        var minutes = fields["minutes"] is { } m ? reader.Duration(m, "history.minutes", TimeSpan.FromHours(1)) : defaults.Minutes;
        var hours = fields["hours"] is { } h ? reader.Duration(h, "history.hours", TimeSpan.FromHours(1)) : defaults.Hours;
        return new HistoryRetention(raw, minutes, hours);
    }
}
