using Reach.Text;

namespace Reach.Expect;

/// <summary>What <see cref="ExpectProbe"/> sends and waits for.</summary>
/// <param name="Match">What the answer must hold.</param>
public sealed record ExpectOptions(AnswerMatch Match)
{
    /// <summary>The most bytes read before giving up: a server cannot make reach hold more.</summary>
    public const int MaxReadLimit = 1 << 20;

    /// <summary>Sent once connected (<c>EHLO reach\r\n</c>, <c>PING\r\n</c>); empty: only listen, as for a greeting.</summary>
    public ReadOnlyMemory<byte> Send { get; init; }

    /// <summary>Connect, send and the wait for a match together.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How many bytes of answer are read at most while waiting for the match.</summary>
    public int ReadLimit { get; init; } = 64 * 1024;
}
