namespace Reach.Monitoring.Probing;

/// <summary>What an expect check's service sent back.</summary>
/// <param name="Excerpt">The line that matched, or the answer's start, as one printable line.</param>
/// <param name="Bytes">How many bytes were read.</param>
internal sealed record AnswerDetails(string Excerpt, int Bytes);
