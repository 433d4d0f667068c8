using System.Text.Json;
using Reach.Lab.Tests.Lab;

namespace Reach.Lab.Tests.Cli;

/// <summary>One run of reach: exit code, output, and its <c>--json</c> document.</summary>
public sealed class ReachRun(CommandResult result)
{
    private JsonElement? _json;

    public CommandResult Result { get; } = result;

    public int ExitCode => Result.ExitCode;

    public string StdOut => Result.StdOut;

    public string StdErr => Result.StdErr;

    public TimeSpan Elapsed => Result.Elapsed;

    /// <summary>Standard output parsed as JSON; the test fails with the whole run shown when it is not JSON.</summary>
    public JsonElement Json => _json ??= Parse();

    private JsonElement Parse()
    {
        Assert.False(Result.TimedOut, $"reach was killed on timeout\n{Result.Describe()}");
        try
        {
            using var document = JsonDocument.Parse(Result.StdOut);
            return document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            Assert.Fail($"reach did not print JSON ({ex.Message})\n{Result.Describe()}");
            throw;
        }
    }
}
