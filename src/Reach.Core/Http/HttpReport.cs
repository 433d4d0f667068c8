using Reach.Tls;

namespace Reach.Http;

/// <summary>One HTTP exchange as <c>reach check --http</c> reports it. Every text from the server is one printable line.</summary>
/// <param name="Url">The URL asked (the last one, after redirects followed with <c>--follow</c>).</param>
/// <param name="StatusCode">The status code; null when no answer came.</param>
/// <param name="Reason">The reason phrase (<c>Moved Permanently</c>).</param>
/// <param name="Version">The answer's protocol (<c>HTTP/1.1</c>).</param>
/// <param name="Location">Where a redirect points (not followed unless asked).</param>
/// <param name="Server">The Server header.</param>
/// <param name="BodyBytes">Bytes of body read (at most <see cref="HttpProbe.MaxBody"/>).</param>
/// <param name="Timing">How long each phase took.</param>
/// <param name="Redirects">The redirects followed before this answer, in order.</param>
/// <param name="Error">Why no answer came; null when one did.</param>
/// <param name="Tls">For https, the handshake of the answer's connection and the verdict on its certificate.</param>
/// <param name="Body">The body's first <see cref="HttpProbeOptions.BodyLimit"/> bytes (none unless asked).</param>
public sealed record HttpReport(
    Uri Url,
    int? StatusCode,
    string? Reason,
    string? Version,
    string? Location,
    string? Server,
    long BodyBytes,
    HttpTiming Timing,
    IReadOnlyList<HttpRedirect> Redirects,
    string? Error,
    TlsReport? Tls = null,
    ReadOnlyMemory<byte> Body = default);

/// <summary>A redirect followed: the URL that answered, its status, and where it pointed.</summary>
public sealed record HttpRedirect(Uri Url, int StatusCode, string Location);

/// <summary>
/// The phases of the (last) exchange, as <c>curl -w</c> shows them, each its own duration: name resolution (null for
/// an address, or when the check resolved it), the TCP connect, the TLS handshake (null for http), the wait from the
/// request to the answer's first byte, and the whole exchange with the body read.
/// </summary>
public sealed record HttpTiming(TimeSpan? Dns, TimeSpan? Connect, TimeSpan? Tls, TimeSpan? FirstByte, TimeSpan Total);
