using Reach.Text;

namespace Reach.Monitoring.Config;

/// <summary>What an <c>expect</c> check sends and waits for.</summary>
/// <param name="Send">The bytes of <c>send</c> (UTF-8, YAML escapes such as <c>\r\n</c> applied); empty: only listen.</param>
/// <param name="Match">What the answer must hold (<c>expect</c>, <c>expect_regex</c>).</param>
internal sealed record ExpectSettings(ReadOnlyMemory<byte> Send, AnswerMatch Match);
