namespace Reach.Identification;

/// <summary>What answered on a fresh connection: a greeting sent unasked, or the answer to one probe.</summary>
/// <param name="Protocol">The protocol those bytes start; null when nothing arrived within the wait.</param>
/// <param name="Text">The answer as one printable line (control characters and escape sequences escaped, cut at
/// <see cref="BannerReader.MaxShown"/> characters): a greeting's first line, an HTTP status line with its Server
/// header, a binary protocol's answer in words; null when nothing was sent.</param>
/// <param name="Bytes">How many bytes were read (at most <see cref="BannerReader.MaxBytes"/>).</param>
/// <param name="Complete">True when a whole first line (or a whole binary answer) arrived; false when the wait or
/// the size cap ended the read first, or the server closed mid-line.</param>
public sealed record ServiceBanner(ServiceProtocol? Protocol, string? Text, int Bytes, bool Complete)
{
    /// <summary>Nothing arrived within the wait: a client-speaks-first service, or a slow one.</summary>
    public static ServiceBanner Silent { get; } = new(null, null, 0, false);

    /// <summary>The request reach sent before the answer; null when the server spoke first (or was never asked).</summary>
    public ServiceProbe? Probe { get; init; }

    /// <summary>The server closed the connection without sending a byte.</summary>
    public bool Closed { get; init; }

    /// <summary>Why the second connection gave nothing (refused, reset); null when it connected.</summary>
    public string? Error { get; init; }
}
