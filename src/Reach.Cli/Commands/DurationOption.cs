using Reach.Cli.Infrastructure;
using Reach.Time;

namespace Reach.Cli.Commands;

/// <summary>Reads a duration option (<c>500ms</c>, <c>2s</c>, <c>0.5</c>) that must be more than zero.</summary>
internal static class DurationOption
{
    public static TimeSpan Parse(string text, string option)
    {
        if (!DurationParser.TryParse(text, out var duration, out var error))
        {
            throw new UsageException($"{option}: {error}");
        }

        return duration > TimeSpan.Zero ? duration : throw new UsageException($"{option} must be more than 0");
    }
}
