using System.Net;
using System.Text.Json;
using Reach.Cli.Rendering.Ping;
using Reach.Pinging;
using Reach.Probes;
using Reach.Resolution;

namespace Reach.Cli.Tests.Rendering;

/// <summary>
/// <c>reach ping --resolve-each</c> as printed: the ping runner with a resolver whose answer changes (a DNS
/// fail-over), a probe that always answers, a clock that steps, and the text and JSON Lines outputs watching it.
/// </summary>
public class PingResolveEachOutputTests
{
    private const string Host = "db.lab";
    private const int Port = 5432;
    private static readonly DateTimeOffset Noon = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private static readonly IPAddress First = IPAddress.Parse("192.0.2.10");
    private static readonly IPAddress Second = IPAddress.Parse("192.0.2.11");
    private static readonly PingOptions ResolveEach = new() { Count = 3, ResolveEach = true };

    [Fact]
    public async Task Text_TheProbeAfterAFailOver_SaysTheAddressChanged_AndTheSummaryListsTheChange()
    {
        using var writer = new StringWriter();
        var output = new PingTextOutput(writer, $"{Host}:{Port}", Port, ResolveEach, quiet: false);

        var run = await RunAsync(output, [First], [First], [Second]);
        output.Finish(run);

        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
            [
                "seq=1 192.0.2.10:5432 open time=0.250 ms",
                "seq=2 192.0.2.10:5432 open time=0.250 ms",
                "seq=3 192.0.2.11:5432 open time=0.250 ms  [address changed from 192.0.2.10]",
            ],
            lines.Where(l => l.StartsWith("seq=", StringComparison.Ordinal)));
        Assert.Equal($"{PingFormat.Clock(Noon.AddSeconds(2))} seq=3: address changed 192.0.2.10 → 192.0.2.11", lines[^1]);
    }

    [Fact]
    public async Task Text_AFailedReResolution_IsAnUnresolvedProbeWithTheResolversMessage()
    {
        using var writer = new StringWriter();
        var output = new PingTextOutput(writer, $"{Host}:{Port}", Port, ResolveEach, quiet: false);

        output.Finish(await RunAsync(output, [First], [], [First]));

        Assert.Contains("\nseq=2 db.lab:5432 unresolved: Name or service not known\n", writer.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("address changed", writer.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task JsonLines_TheProbeAfterAFailOver_CarriesThePreviousAddress_AndTheSummaryTheChange()
    {
        using var writer = new StringWriter();
        var output = new PingJsonLinesOutput(writer, Host, Port);

        var run = await RunAsync(output, [First], [First], [Second]);
        output.Finish(run);

        var records = writer.ToString().TrimEnd().Split('\n').Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToArray();
        Assert.Equal(["probe", "probe", "probe", "summary"], records.Select(r => r.GetProperty("type").GetString()));
        Assert.Equal(["192.0.2.10", "192.0.2.10", "192.0.2.11"], records[..3].Select(r => r.GetProperty("address").GetString()));
        Assert.Equal([null, null, "192.0.2.10"], records[..3].Select(r => r.GetProperty("previous_address").GetString()));

        var change = Assert.Single(records[3].GetProperty("address_changes").EnumerateArray());
        Assert.Equal(3, change.GetProperty("seq").GetInt32());
        // Probe 3 starts two intervals after probe 1, which waits out the runner's 10 ms first-probe pause.
        Assert.Equal(Noon.AddMilliseconds(10).AddSeconds(2), change.GetProperty("time").GetDateTimeOffset());
        Assert.Equal(("192.0.2.10", "192.0.2.11"), (change.GetProperty("from").GetString(), change.GetProperty("to").GetString()));
    }

    [Fact]
    public async Task JsonLines_AFailedReResolution_IsAnUnresolvedRecordWithoutAnAddress()
    {
        using var writer = new StringWriter();
        var output = new PingJsonLinesOutput(writer, Host, Port);

        output.Finish(await RunAsync(output, [First], [], [First]));

        var second = JsonDocument.Parse(writer.ToString().Split('\n')[1]).RootElement;
        Assert.Equal("unresolved", second.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, second.GetProperty("address").ValueKind);
        Assert.Equal("Name or service not known", second.GetProperty("detail").GetString());
    }

    private static Task<PingRun> RunAsync(IPingOutput output, params IPAddress[][] answers)
    {
        var clock = new SteppingClock(Noon);
        return new PingRunner(new SequenceResolver(answers), new AlwaysOpen(), clock)
            .RunAsync(Host, ResolveEach, output, TestContext.Current.CancellationToken);
    }

    /// <summary>Answers each resolution with the next list of addresses (an empty list: the name does not resolve).</summary>
    private sealed class SequenceResolver(IPAddress[][] answers) : IHostResolver
    {
        private int _next;

        public Task<ResolutionResult> ResolveAsync(string host, TimeSpan timeout, CancellationToken cancellationToken)
        {
            var addresses = answers[Math.Min(_next++, answers.Length - 1)];
            return Task.FromResult(addresses.Length == 0
                ? ResolutionResult.Failed(host, "Name or service not known")
                : new ResolutionResult(host, ResolutionStatus.Resolved, addresses));
        }
    }

    private sealed class AlwaysOpen : IPingProbe
    {
        public void WarmUp()
        {
        }

        public ValueTask<PingProbeOutcome> ProbeAsync(IPAddress address, TimeSpan timeout, CancellationToken cancellationToken) =>
            ValueTask.FromResult(new PingProbeOutcome(true, TimeSpan.FromMilliseconds(0.25), PingState.Open, ProbeReason.SynAck));
    }

    /// <summary>A clock that moves only when the runner waits on it: a timer jumps to its due time and fires at once.</summary>
    private sealed class SteppingClock(DateTimeOffset start) : TimeProvider
    {
        private long _elapsedTicks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override DateTimeOffset GetUtcNow() => start + TimeSpan.FromTicks(Interlocked.Read(ref _elapsedTicks));

        public override long GetTimestamp() => Interlocked.Read(ref _elapsedTicks);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            if (dueTime != Timeout.InfiniteTimeSpan)
            {
                Interlocked.Add(ref _elapsedTicks, dueTime.Ticks);
                callback(state);
            }

            return new FiredTimer();
        }

        private sealed class FiredTimer : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => false;

            public void Dispose()
            {
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }
}
