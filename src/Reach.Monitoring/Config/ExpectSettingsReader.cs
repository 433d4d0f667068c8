using System.Text;

namespace Reach.Monitoring.Config;

/// <summary>Reads an expect check's keys (<c>send</c>, <c>expect</c>, <c>expect_regex</c>).</summary>
internal static class ExpectSettingsReader
{
    public static readonly string[] Keys = ["send", "expect", "expect_regex"];

    /// <summary>The most bytes <c>send</c> may hold: a request, not an upload.</summary>
    public const int MaxSend = 4096;

    /// <summary>The settings, or null when the check is of another type (and then none of the keys may be given).</summary>
    public static ExpectSettings? Read(YamlNodeReader reader, MappingFields f, CheckType type, YamlDotNet.RepresentationModel.YamlNode node, string path)
    {
        if (type != CheckType.Expect)
        {
            if (Keys.FirstOrDefault(f.Has) is { } given)
            {
                throw reader.Error(f[given]!, f.PathOf(given), $"only an expect check has '{given}'");
            }

            return null;
        }

        var send = f["send"] is { } s ? Encoding.UTF8.GetBytes(reader.Scalar(s, f.PathOf("send")) ?? string.Empty) : [];
        if (send.Length > MaxSend)
        {
            throw reader.Error(f["send"]!, f.PathOf("send"), $"{send.Length} bytes: at most {MaxSend} are sent");
        }

        var match = AnswerMatchReader.Read(reader, f, "expect", "expect_regex")
            ?? throw reader.Error(node, path, "an expect check needs 'expect' (a substring) or 'expect_regex' (a regular expression)");
        return new ExpectSettings(send, match);
    }
}
