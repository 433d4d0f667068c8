using Reach.Checking;
using Reach.Text;

namespace Reach.Monitoring.Config;

/// <summary>What an <c>http</c> check asks of each target.</summary>
/// <param name="Path">The path asked of targets given as host:port (<c>path</c>, default <c>/</c>); URL targets ask their own.</param>
/// <param name="Accepted">The status codes that pass (<c>status</c>, default 200-399).</param>
/// <param name="Body">What the body must hold (<c>body</c>, <c>body_regex</c>); null: any body.</param>
/// <param name="MaxResponseTime">A slower whole answer fails (<c>max_response_time</c>); null: only the timeout.</param>
/// <param name="Follow">Follow redirects (<c>follow</c>, at most 10); by default the first answer is judged.</param>
internal sealed record HttpSettings(string Path, IReadOnlyList<StatusRange> Accepted, AnswerMatch? Body, TimeSpan? MaxResponseTime, bool Follow)
{
    /// <summary>How much of the body a match reads: a page, never a download (blackbox_exporter's body_size_limit).</summary>
    public const int BodyLimit = 1 << 20;
}
