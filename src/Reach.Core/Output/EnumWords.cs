using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text.Json.Serialization;

namespace Reach.Output;

/// <summary>
/// The word of every member of an enum, as its JSON writes it: the member's <c>[JsonStringEnumMemberName]</c>, read
/// once from the enum's own metadata (as System.Text.Json's <c>JsonStringEnumConverter</c> reads it), so text and
/// storage say what JSON says, from that one source. <see cref="TryParse"/> goes the other way, for words read back
/// from a store or from another reach.
/// </summary>
/// <remarks>
/// The attribute is read directly rather than by serializing each member: setting up the JSON serializer on the first
/// word cost a printed <c>reach check</c> about 4 ms of its 14 (NativeAOT, /tmp/cmpbench runs, issue 14). Tests
/// compare these words with the serializer's output for every member.
/// </remarks>
/// <typeparam name="T">An enum whose every member has <c>[JsonStringEnumMemberName]</c>.</typeparam>
public sealed class EnumWords<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicFields)] T>
    where T : struct, Enum
{
    private readonly Dictionary<T, string> _words = [];
    private readonly Dictionary<string, T> _members = new(StringComparer.Ordinal);

    /// <exception cref="InvalidOperationException">A member has no <c>[JsonStringEnumMemberName]</c>.</exception>
    public EnumWords()
    {
        foreach (var field in typeof(T).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            var word = field.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name
                ?? throw new InvalidOperationException($"{typeof(T).Name}.{field.Name} has no [JsonStringEnumMemberName]: give it the word JSON, text and storage use.");
            var member = (T)field.GetValue(null)!;
            _words.Add(member, word);
            _members.Add(word, member);
        }
    }

    /// <summary>The member's word.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A number cast to <typeparamref name="T"/> that names no member.</exception>
    public string Word(T member) =>
        _words.TryGetValue(member, out var word) ? word : throw new ArgumentOutOfRangeException(nameof(member), member, $"not a member of {typeof(T).Name}");

    /// <summary>The member a word names (exactly, case included); false for null and for words of no member.</summary>
    public bool TryParse([NotNullWhen(true)] string? word, out T member)
    {
        if (word is not null && _members.TryGetValue(word, out member))
        {
            return true;
        }

        member = default;
        return false;
    }
}
