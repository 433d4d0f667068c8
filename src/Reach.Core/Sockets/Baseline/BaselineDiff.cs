namespace Reach.Sockets.Baseline;

/// <summary>What changed between a baseline and the listeners now.</summary>
/// <param name="Appeared">Listeners that were not in the baseline.</param>
/// <param name="Disappeared">Baseline listeners that are gone.</param>
/// <param name="MoreExposed">Listeners that reach further than before (wider bind address, V6ONLY on → off).</param>
public sealed record BaselineDiff(
    IReadOnlyList<BaselineListener> Appeared,
    IReadOnlyList<BaselineListener> Disappeared,
    IReadOnlyList<ExposureChange> MoreExposed)
{
    public bool HasChanges => Appeared.Count > 0 || Disappeared.Count > 0 || MoreExposed.Count > 0;

    /// <summary>
    /// Compares by identity (proto, process, port, address). What is left unmatched on both sides is paired up per
    /// (proto, process, port), same address family first: a listener that moved from <c>127.0.0.1</c> to
    /// <c>0.0.0.0</c> is one "more exposed" change, not a disappearance plus an appearance. A move to a narrower
    /// address is not reported.
    /// </summary>
    public static BaselineDiff Compare(IReadOnlyList<BaselineListener> before, IReadOnlyList<BaselineListener> now)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(now);

        var beforeByKey = before.DistinctBy(l => l.Key).ToDictionary(l => l.Key);
        var nowDistinct = now.DistinctBy(l => l.Key).ToList();
        var moreExposed = new List<ExposureChange>();
        var unmatchedNow = new List<BaselineListener>();
        foreach (var listener in nowDistinct)
        {
            if (beforeByKey.Remove(listener.Key, out var old))
            {
                if (listener.Width > old.Width)
                {
                    moreExposed.Add(new ExposureChange(old, listener));
                }
            }
            else
            {
                unmatchedNow.Add(listener);
            }
        }

        var unmatchedBefore = beforeByKey.Values.ToList();
        var appeared = new List<BaselineListener>();
        foreach (var listener in unmatchedNow)
        {
            var old = unmatchedBefore
                .Where(b => b.Proto == listener.Proto && b.Process == listener.Process && b.Port == listener.Port)
                .OrderBy(b => IsV6(b.Address) == IsV6(listener.Address) ? 0 : 1)
                .FirstOrDefault();
            if (old is null)
            {
                appeared.Add(listener);
                continue;
            }

            unmatchedBefore.Remove(old);
            if (listener.Width > old.Width)
            {
                moreExposed.Add(new ExposureChange(old, listener));
            }
        }

        return new BaselineDiff(Sorted(appeared), Sorted(unmatchedBefore), [.. moreExposed.OrderBy(c => c.Now, ListenerOrder.Instance)]);
    }

    private static bool IsV6(string address) => address.Contains(':', StringComparison.Ordinal);

    private static List<BaselineListener> Sorted(IEnumerable<BaselineListener> listeners) => [.. listeners.Order(ListenerOrder.Instance)];
}

/// <summary>A listener that reaches further than it did in the baseline.</summary>
public sealed record ExposureChange(BaselineListener Before, BaselineListener Now);
