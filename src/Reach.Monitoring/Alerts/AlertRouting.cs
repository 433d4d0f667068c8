namespace Reach.Monitoring.Alerts;

/// <summary>The channels by key and each check's labels: swapped whole on reload.</summary>
internal sealed class AlertRouting(IEnumerable<IAlertChannel> channels, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> labels)
{
    public static AlertRouting Empty { get; } = new([], new Dictionary<string, IReadOnlyDictionary<string, string>>());

    public IReadOnlyDictionary<string, IAlertChannel> Channels { get; } = channels.ToDictionary(c => c.Key, StringComparer.Ordinal);

    /// <summary>The keys, as the outbox stores them.</summary>
    public IReadOnlyList<string> Keys => [.. Channels.Keys];

    public IReadOnlyDictionary<string, string>? LabelsOf(string check) => labels.TryGetValue(check, out var found) ? found : null;
}
