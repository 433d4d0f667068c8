namespace Reach.Sockets.Baseline;

/// <summary>The file <c>reach sockets --save-baseline</c> writes (docs/sockets.md).</summary>
/// <param name="SchemaVersion">1.</param>
/// <param name="Kind">Always <see cref="KindName"/>: tells a baseline from other JSON files.</param>
/// <param name="Host">The machine's name, for people reading the file.</param>
/// <param name="CreatedUtc">When it was taken.</param>
/// <param name="Listeners">Every listener once, sorted.</param>
public sealed record BaselineDocument(int SchemaVersion, string Kind, string? Host, DateTimeOffset CreatedUtc, IReadOnlyList<BaselineListener> Listeners)
{
    public const string KindName = "reach-sockets-baseline";
    public const int CurrentVersion = 1;

    /// <summary>The baseline of the listeners among <paramref name="sockets"/>, one entry per identity.</summary>
    public static BaselineDocument Create(IEnumerable<SocketView> sockets, string? host, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(sockets);
        var listeners = sockets
            .Where(s => s.Row.IsListening())
            .Select(BaselineListener.From)
            .DistinctBy(l => l.Key)
            .Order(ListenerOrder.Instance)
            .ToList();
        return new BaselineDocument(CurrentVersion, KindName, host, now, listeners);
    }
}
