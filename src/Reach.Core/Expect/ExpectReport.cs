namespace Reach.Expect;

/// <summary>What came back to one <see cref="ExpectProbe"/>.</summary>
/// <param name="Connected">Whether the connection was made (a refusal or a timeout before it is in <paramref name="Error"/>).</param>
/// <param name="Matched">Whether the answer held what was expected.</param>
/// <param name="BytesRead">How many bytes of answer were read.</param>
/// <param name="Excerpt">The answer around the match (or its start), as one printable line: it is the server's text.</param>
/// <param name="Error">Why there is no match: refused, closed, no match within the time, too much said; null on a match.</param>
/// <param name="Elapsed">From the connect to the match (or the give-up).</param>
public sealed record ExpectReport(bool Connected, bool Matched, int BytesRead, string Excerpt, string? Error, TimeSpan Elapsed);
