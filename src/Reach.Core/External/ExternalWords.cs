using Reach.Output;

namespace Reach.External;

/// <summary>The words <c>reach external</c> prints: the JSON words (see <see cref="EnumWords{T}"/>).</summary>
public static class ExternalWords
{
    private static readonly EnumWords<ExternalVerdictKind> Kinds = new();

    public static string ToWord(this ExternalVerdictKind kind) => Kinds.Word(kind);
}
