namespace Reach.Identification;

/// <summary>What a server sent first, unasked, on a fresh connection.</summary>
/// <param name="Protocol">The protocol those bytes start; null when the server sent nothing within the wait.</param>
/// <param name="Text">The greeting's first line as one printable line (control characters and escape sequences
/// escaped, cut at <see cref="BannerReader.MaxShown"/> characters); null when nothing was sent.</param>
/// <param name="Bytes">How many bytes were read (at most <see cref="BannerReader.MaxBytes"/>).</param>
/// <param name="Complete">True when a whole first line (or a whole binary greeting) arrived; false when the wait or
/// the size cap ended the read first, or the server closed mid-line.</param>
public sealed record ServiceBanner(ServiceProtocol? Protocol, string? Text, int Bytes, bool Complete)
{
    /// <summary>Nothing arrived within the wait: a client-speaks-first service, or a slow one.</summary>
    public static ServiceBanner Silent { get; } = new(null, null, 0, false);
}
