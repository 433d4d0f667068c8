namespace Reach.Http;

/// <summary>How <see cref="HttpProbe"/> asks.</summary>
public sealed record HttpProbeOptions
{
    /// <summary>The whole exchange (connect, TLS, answer, body), per request.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Follow redirects (at most <see cref="HttpProbe.MaxRedirects"/>); by default the first answer is the report.</summary>
    public bool Follow { get; init; }

    /// <summary>The method: GET by default (HEAD is answered wrongly by some servers).</summary>
    public HttpMethod Method { get; init; } = HttpMethod.Get;
}
