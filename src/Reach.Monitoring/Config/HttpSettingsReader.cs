using Reach.Checking;
using Reach.Text;

namespace Reach.Monitoring.Config;

/// <summary>Reads an http check's keys (<c>path</c>, <c>status</c>, <c>body</c>, <c>body_regex</c>, <c>max_response_time</c>, <c>follow</c>).</summary>
internal static class HttpSettingsReader
{
    public static readonly string[] Keys = ["path", "status", "body", "body_regex", "max_response_time", "follow"];

    /// <summary>The settings, or null when the check is of another type (and then none of the keys may be given).</summary>
    public static HttpSettings? Read(YamlNodeReader reader, MappingFields f, CheckType type, TimeSpan timeout)
    {
        if (type != CheckType.Http)
        {
            if (Keys.FirstOrDefault(f.Has) is { } given)
            {
                throw reader.Error(f[given]!, f.PathOf(given), $"only an http check has '{given}'");
            }

            return null;
        }

        var path = "/";
        if (f["path"] is { } p)
        {
            path = reader.RequiredScalar(p, f.PathOf("path"));
            if (!path.StartsWith('/') || !Uri.TryCreate("http://host.invalid" + path, UriKind.Absolute, out _))
            {
                throw reader.Error(p, f.PathOf("path"), $"{Printable.Quote(path)} is not a path: it starts with '/' (/healthz)");
            }
        }

        var accepted = HttpCheck.DefaultAccepted;
        if (f["status"] is { } s)
        {
            var text = reader.RequiredScalar(s, f.PathOf("status"));
            accepted = StatusRange.TryParseList(text, out var ranges, out var error) ? ranges : throw reader.Error(s, f.PathOf("status"), error);
        }

        var body = AnswerMatchReader.Read(reader, f, "body", "body_regex");

        TimeSpan? maxTime = null;
        if (f["max_response_time"] is { } m)
        {
            maxTime = reader.Duration(m, f.PathOf("max_response_time"), CheckReader.MinTimeout);
            if (maxTime > timeout)
            {
                throw reader.Error(m, f.PathOf("max_response_time"),
                    $"max_response_time ({ConfigDuration.Format(maxTime.Value)}) is longer than the timeout ({ConfigDuration.Format(timeout)}): an answer that slow is already a timeout");
            }
        }

        var follow = f["follow"] is { } fo && reader.Boolean(fo, f.PathOf("follow"));
        return new HttpSettings(path, accepted, body, maxTime, follow);
    }
}
