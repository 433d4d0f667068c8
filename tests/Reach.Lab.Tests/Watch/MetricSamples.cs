using System.Globalization;
using System.Text.RegularExpressions;

namespace Reach.Lab.Tests.Watch;

/// <summary>The samples of a Prometheus text exposition (<c>/metrics</c>): name, labels, value; comments skipped.</summary>
internal sealed partial record MetricSamples(IReadOnlyList<MetricSample> All)
{
    public static MetricSamples Parse(string text) => new(
        [.. text.Split('\n')
            .Select(line => SampleLine().Match(line))
            .Where(match => match.Success)
            .Select(match => new MetricSample(
                match.Groups["name"].Value,
                LabelPair().Matches(match.Groups["labels"].Value).ToDictionary(l => l.Groups["key"].Value, l => l.Groups["value"].Value),
                Value(match.Groups["value"].Value)))]);

    /// <summary>The samples of metric <paramref name="name"/> whose labels include every pair of <paramref name="labels"/>.</summary>
    public IReadOnlyList<MetricSample> Where(string name, params (string Key, string Value)[] labels) =>
        [.. All.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Key, out var v) && v == l.Value))];

    /// <summary>The one sample of <paramref name="name"/> with those labels; fails with the matching series shown otherwise.</summary>
    public MetricSample Single(string name, params (string Key, string Value)[] labels)
    {
        var found = Where(name, labels);
        Assert.True(found.Count == 1, $"expected one {name} with {string.Join(',', labels)}, found {found.Count}:\n{string.Join('\n', All.Where(s => s.Name == name))}");
        return found[0];
    }

    /// <summary>A sample's value; <c>+Inf</c>, <c>-Inf</c> and <c>NaN</c> as Prometheus writes them.</summary>
    private static double Value(string text) => text switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        _ => double.Parse(text, CultureInfo.InvariantCulture),
    };

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})? (?<value>\S+)$")]
    private static partial Regex SampleLine();

    [GeneratedRegex("""(?<key>[a-zA-Z_][a-zA-Z0-9_]*)="(?<value>(?:[^"\\]|\\.)*)",?""")]
    private static partial Regex LabelPair();
}

/// <summary>One sample line of a Prometheus text exposition.</summary>
internal sealed record MetricSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);
