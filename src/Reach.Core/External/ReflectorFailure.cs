namespace Reach.External;

/// <summary>Why the reflector gave no usable answer.</summary>
public enum ReflectorFailureKind
{
    /// <summary>No connection: refused, no route, name not found, TLS failure.</summary>
    Unreachable,

    /// <summary>Connected (or tried to) but no answer within the timeout.</summary>
    TimedOut,

    /// <summary>The answer was not the reflector's JSON: probably not a reach reflector URL.</summary>
    NotJson,

    /// <summary>An HTTP error status, with the reflector's own sentence when it sent one.</summary>
    HttpError,

    /// <summary>429: too many checks from this address for now; <see cref="ReflectorFailure.RetryAfter"/> says how long to wait.</summary>
    RateLimited,
}

/// <summary>A failed reflector request, in one sentence.</summary>
/// <param name="Kind">What went wrong.</param>
/// <param name="Message">The sentence for humans, naming the URL and the cause.</param>
/// <param name="Status">The HTTP status code, for <see cref="ReflectorFailureKind.HttpError"/> and <see cref="ReflectorFailureKind.RateLimited"/>.</param>
/// <param name="RetryAfter">How long the reflector asks to wait (429 with Retry-After).</param>
public sealed record ReflectorFailure(ReflectorFailureKind Kind, string Message, int? Status = null, TimeSpan? RetryAfter = null);

/// <summary>A reflector answer or the reason there is none: results are data, not exceptions.</summary>
public sealed record ReflectorOutcome<T>(T? Value, ReflectorFailure? Failure)
    where T : class;

/// <summary>Builds <see cref="ReflectorOutcome{T}"/> values.</summary>
public static class ReflectorOutcome
{
    public static ReflectorOutcome<T> Success<T>(T value)
        where T : class => new(value, null);

    public static ReflectorOutcome<T> Failed<T>(ReflectorFailure failure)
        where T : class => new(null, failure);
}
