using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Reach.Output;

/// <summary>
/// The word of every member of an enum, as its JSON writes it (the member's <c>[JsonStringEnumMemberName]</c>): read
/// once through the enum's source-generated JSON metadata, so text and storage say what JSON says, from that one
/// source, without reflection of our own (trim- and NativeAOT-safe). <see cref="TryParse"/> goes the other way, for
/// words read back from a store or from another reach.
/// </summary>
/// <typeparam name="T">An enum with <c>[JsonConverter(typeof(JsonStringEnumConverter&lt;T&gt;))]</c>.</typeparam>
public sealed class EnumWords<T>
    where T : struct, Enum
{
    private readonly Dictionary<T, string> _words = [];
    private readonly Dictionary<string, T> _members = new(StringComparer.Ordinal);

    /// <param name="json">The enum's metadata from a source-generated context.</param>
    /// <exception cref="InvalidOperationException">The enum is written as a number (it has no string converter).</exception>
    public EnumWords(JsonTypeInfo<T> json)
    {
        ArgumentNullException.ThrowIfNull(json);
        foreach (var member in Enum.GetValues<T>())
        {
            var element = JsonSerializer.SerializeToElement(member, json);
            if (element.ValueKind != JsonValueKind.String)
            {
                throw new InvalidOperationException($"{typeof(T).Name}.{member} is written as {element.GetRawText()} in JSON, not as a word: give the enum a JsonStringEnumConverter.");
            }

            var word = element.GetString()!;
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
