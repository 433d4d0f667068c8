namespace Reach.Monitoring.Config;

/// <summary>A loaded, validated reach.yaml. Immutable: a reload builds a new one and swaps it in whole.</summary>
/// <param name="SourcePath">The file it came from (absolute), for messages.</param>
/// <param name="Checks">The checks, each with its defaults already applied.</param>
/// <param name="Alerts">Where alerts go; empty means alerts are only logged.</param>
/// <param name="Repeat">Repeat a DOWN alert this often while the target stays down; null: never.</param>
/// <param name="History">How long results are kept at each resolution.</param>
/// <param name="Concurrency">The most probes in flight at once.</param>
internal sealed record WatchConfig(
    string SourcePath,
    IReadOnlyList<CheckDefinition> Checks,
    IReadOnlyList<AlertChannelConfig> Alerts,
    TimeSpan? Repeat,
    HistoryRetention History,
    int Concurrency)
{
    public const int DefaultConcurrency = 256;

    /// <summary>The <c>targets_file</c>s the checks read (absolute): a change to one is a change to the configuration.</summary>
    public IReadOnlyList<string> TargetFiles { get; init; } = [];

    /// <summary>Every file the configuration is made of.</summary>
    public IReadOnlyList<string> Files => [SourcePath, .. TargetFiles];

    /// <summary>The most (target, port) pairs one configuration may expand to: a /16 with 20 ports is a mistake, not a plan.</summary>
    public const int MaxTargets = 100_000;
}
