using System.Collections.ObjectModel;
using System.Diagnostics.CodeAnalysis;

namespace Reach.Services;

/// <summary>
/// Well-known and commonly used TCP service names (IANA's names plus common aliases) and their ports.
/// </summary>
/// <remarks>
/// The table is static data compiled into the assembly: no file I/O, no reflection. The lookup indexes are built
/// on first use of each lookup, so a program that never resolves a name pays nothing at startup.
/// </remarks>
public static class ServiceCatalog
{
    /// <summary>Suggestions match when the edit distance is at most this…</summary>
    private const int MaxSuggestionDistance = 2;

    /// <summary>…or when the names share at least this many leading characters.</summary>
    private const int MinSuggestionPrefix = 3;

    /// <summary>Every entry, sorted by port, then by name (ordinal, ignoring case).</summary>
    public static IReadOnlyList<ServiceEntry> All => Sorted.Entries;

    /// <summary>Finds a service by its name or one of its aliases, ignoring case (for example <c>RDP</c>, <c>https</c>).</summary>
    /// <param name="name">The name to look up; surrounding white space is ignored.</param>
    /// <param name="entry">The matching entry, or <see langword="null"/> when the name is unknown.</param>
    /// <returns><see langword="true"/> when the name is known.</returns>
    public static bool TryGetByName(string name, [NotNullWhen(true)] out ServiceEntry? entry)
    {
        ArgumentNullException.ThrowIfNull(name);
        return ByName.Index.TryGetValue(name.Trim(), out entry);
    }

    /// <summary>The primary (preferred) service name for a TCP port, or <see langword="null"/> when the port is not in the table.</summary>
    public static ServiceEntry? FindByPort(int port)
    {
        // A scan of the table, not the port index: every `reach check HOST PORT` asks this once, and building the
        // index was a twentieth of a cold check's work (issue 13, item 29). The first entry listed is the primary.
        foreach (var entry in ServiceTable.Entries)
        {
            if (entry.Port == port)
            {
                return entry;
            }
        }

        return null;
    }

    /// <summary>Every service registered on a TCP port, primary first; empty when the port is not in the table.</summary>
    public static IReadOnlyList<ServiceEntry> FindAllByPort(int port) =>
        ByPort.Index.TryGetValue(port, out var entries) ? entries : ReadOnlyCollection<ServiceEntry>.Empty;

    /// <summary>
    /// The known names (or aliases) closest to a name that was not found, best first: those within a Levenshtein
    /// distance of 2, or sharing a prefix of at least 3 characters, ignoring case. At most one suggestion per service.
    /// Ranking: smaller distance first (a name that starts with the whole query counts as distance 1), then longer
    /// shared prefix, then names before aliases, then alphabetical.
    /// </summary>
    /// <param name="unknownName">The name that did not resolve.</param>
    /// <param name="max">The most suggestions to return; 0 returns none.</param>
    public static IReadOnlyList<string> Suggest(string unknownName, int max = 3)
    {
        ArgumentNullException.ThrowIfNull(unknownName);
        ArgumentOutOfRangeException.ThrowIfNegative(max);

        var query = unknownName.AsSpan().Trim();
        if (query.IsEmpty || max == 0)
        {
            return [];
        }

        var candidates = new List<Candidate>();
        foreach (var entry in ServiceTable.Entries)
        {
            Candidate? best = null;
            Consider(query, entry.Name, isAlias: false, ref best);
            foreach (var alias in entry.Aliases)
            {
                Consider(query, alias, isAlias: true, ref best);
            }

            if (best is { } found)
            {
                candidates.Add(found);
            }
        }

        candidates.Sort(static (x, y) => x.CompareTo(y));
        var count = Math.Min(max, candidates.Count);
        var result = new string[count];
        for (var i = 0; i < count; i++)
        {
            result[i] = candidates[i].Text;
        }

        return result;
    }

    private static void Consider(ReadOnlySpan<char> query, string text, bool isAlias, ref Candidate? best)
    {
        var distance = EditDistance.Levenshtein(query, text);
        var prefix = EditDistance.CommonPrefixLength(query, text);
        if (distance > MaxSuggestionDistance && prefix < MinSuggestionPrefix)
        {
            return;
        }

        // A known name that starts with the whole query ("kube" for kube-apiserver) is one completion away: rank it
        // with the one-typo matches rather than by its raw distance.
        if (query.Length >= MinSuggestionPrefix && prefix == query.Length)
        {
            distance = Math.Min(distance, 1);
        }

        var candidate = new Candidate(text, distance, prefix, isAlias);
        if (best is not { } current || candidate.CompareTo(current) < 0)
        {
            best = candidate;
        }
    }

    /// <summary>A possible suggestion. Ordering: smaller edit distance, then longer shared prefix, then names before aliases, then alphabetical.</summary>
    private readonly record struct Candidate(string Text, int Distance, int Prefix, bool IsAlias)
    {
        public int CompareTo(Candidate other)
        {
            var order = Distance.CompareTo(other.Distance);
            if (order == 0)
            {
                order = other.Prefix.CompareTo(Prefix);
            }

            if (order == 0)
            {
                order = IsAlias.CompareTo(other.IsAlias);
            }

            return order != 0 ? order : StringComparer.OrdinalIgnoreCase.Compare(Text, other.Text);
        }
    }

    // Each index lives in its own nested class so it is built on first use of that lookup only. Plain dictionaries:
    // a frozen one costs more to build than a CLI run ever saves in lookups (reach check starts in milliseconds).
    private static class Sorted
    {
        public static readonly ReadOnlyCollection<ServiceEntry> Entries = Build();

        private static ReadOnlyCollection<ServiceEntry> Build()
        {
            var sorted = (ServiceEntry[])ServiceTable.Entries.Clone();
            Array.Sort(sorted, static (x, y) =>
            {
                var order = x.Port.CompareTo(y.Port);
                return order != 0 ? order : StringComparer.OrdinalIgnoreCase.Compare(x.Name, y.Name);
            });
            return Array.AsReadOnly(sorted);
        }
    }

    private static class ByName
    {
        public static readonly Dictionary<string, ServiceEntry> Index = Build();

        private static Dictionary<string, ServiceEntry> Build()
        {
            var index = new Dictionary<string, ServiceEntry>(StringComparer.OrdinalIgnoreCase);
            foreach (var entry in ServiceTable.Entries)
            {
                // TryAdd: the first entry to claim a word keeps it; the table has no duplicates (tests check).
                index.TryAdd(entry.Name, entry);
                foreach (var alias in entry.Aliases)
                {
                    index.TryAdd(alias, entry);
                }
            }

            return index;
        }
    }

    private static class ByPort
    {
        public static readonly Dictionary<int, ReadOnlyCollection<ServiceEntry>> Index = Build();

        private static Dictionary<int, ReadOnlyCollection<ServiceEntry>> Build()
        {
            // Table order is kept within a port, so the first entry listed for a port is its primary name.
            var lists = new Dictionary<int, List<ServiceEntry>>();
            foreach (var entry in ServiceTable.Entries)
            {
                if (!lists.TryGetValue(entry.Port, out var list))
                {
                    list = [];
                    lists.Add(entry.Port, list);
                }

                list.Add(entry);
            }

            return lists.ToDictionary(static pair => pair.Key, static pair => pair.Value.AsReadOnly());
        }
    }
}
