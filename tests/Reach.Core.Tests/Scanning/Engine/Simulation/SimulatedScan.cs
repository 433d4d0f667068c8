using System.Diagnostics;
using System.Net;
using Reach.Probes;
using Reach.Scanning;
using Reach.Scanning.Engine;

namespace Reach.Core.Tests.Scanning.Engine.Simulation;

/// <summary>
/// Drives a <see cref="ScanScheduler"/> as a transport would (start, refresh guessed deadlines, time out, finish), on
/// a virtual clock against <see cref="SimulatedHost"/>s: the pacing decisions are tested deterministically, in
/// simulated seconds, without sockets and without sleeping.
/// </summary>
internal sealed class SimulatedScan
{
    private static readonly long Second = Stopwatch.Frequency;
    private readonly List<InFlight> _inFlight = [];

    public SimulatedScan(IReadOnlyList<SimulatedHost> hosts) => Hosts = hosts;

    public IReadOnlyList<SimulatedHost> Hosts { get; }

    public List<ScanPortResult> Results { get; } = [];

    public ScanStatistics? Statistics { get; private set; }

    /// <summary>Simulated time from the first probe to the end.</summary>
    public TimeSpan Elapsed { get; private set; }

    /// <summary>The most probes in flight at once.</summary>
    public int PeakInflight { get; private set; }

    public int TimingProbes { get; private set; }

    /// <summary>How many sockets the simulated process can open at once (its open-file limit minus its own descriptors).</summary>
    public int DescriptorLimit { get; init; } = int.MaxValue;

    public int DescriptorFailures { get; private set; }

    /// <summary>The scan stopped because not one socket could be opened (<see cref="ScanScheduler.OutOfDescriptors"/>).</summary>
    public bool OutOfDescriptors { get; private set; }

    public static IPAddress AddressOf(int host) => new([10, 9, (byte)(host >> 8), (byte)host]);

    /// <summary>Every port of every host, host-major (the scheduler's order does not matter to what it decides).</summary>
    public static IEnumerable<ScanProbeTarget> Targets(int hosts, IEnumerable<int> ports)
    {
        var list = ports.ToList();
        for (var host = 0; host < hosts; host++)
        {
            foreach (var port in list)
            {
                yield return new ScanProbeTarget(host, AddressOf(host), port);
            }
        }
    }

    public SimulatedScan Run(IEnumerable<ScanProbeTarget> targets, ScanOptions options, int maxInflight = 4096, TimeSpan? limit = null)
    {
        var start = Second * 1000; // any origin: the scheduler only compares ticks
        var now = start;
        var end = start + (long)((limit ?? TimeSpan.FromHours(1)).TotalSeconds * Second);
        using var scheduler = new ScanScheduler(targets, options, maxInflight, Results.Add);
        var epoch = scheduler.TimeoutEpoch;
        while (true)
        {
            while (scheduler.TryStart(now, out var probe, out var timeout))
            {
                if (_inFlight.Count >= DescriptorLimit)
                {
                    // socket() fails with EMFILE: the transport hands the probe back and stops launching for this turn.
                    scheduler.FailLocally(probe, now, outOfDescriptors: true);
                    DescriptorFailures++;
                    break;
                }

                TimingProbes += probe.Kind == ProbeKind.Timing ? 1 : 0;
                var host = Hosts[(int)probe.Target.HostIndex];
                var answer = host.Answer(probe.Target.Port, now, Second);
                _inFlight.Add(new InFlight(probe, timeout, now, answer, now + (long)(host.RoundTrip.TotalSeconds * Second)));
                PeakInflight = Math.Max(PeakInflight, _inFlight.Count);
            }

            if (scheduler.TimeoutEpoch != epoch)
            {
                epoch = scheduler.TimeoutEpoch;
                foreach (var item in _inFlight)
                {
                    scheduler.TryRefreshTimeout(ref item.Probe, ref item.Timeout);
                }
            }

            if (scheduler.Finished)
            {
                break;
            }

            var next = now + (long)(scheduler.NextWait(now, TimeSpan.FromMilliseconds(50)).TotalSeconds * Second);
            foreach (var item in _inFlight)
            {
                next = Math.Min(next, item.Answer is null ? item.Deadline : Math.Min(item.AnswerAt, item.Deadline));
            }

            now = Math.Max(now + 1, next);
            if (now > end)
            {
                throw new InvalidOperationException($"the simulated scan did not end within {limit ?? TimeSpan.FromHours(1)}: {Results.Count} results, {_inFlight.Count} in flight");
            }

            for (var i = 0; i < _inFlight.Count; i++)
            {
                var item = _inFlight[i];
                var answered = item.Answer is not null && item.AnswerAt <= item.Deadline;
                if ((answered && item.AnswerAt <= now) || (!answered && item.Deadline <= now))
                {
                    _inFlight.RemoveAt(i--);
                    var roundTrip = TimeSpan.FromSeconds((double)(now - item.Sent) / Second);
                    scheduler.Finish(item.Probe, item.Timeout, roundTrip, now, answered ? item.Answer!.Value : ScanProbeOutcome.Timeout);
                }
            }
        }

        OutOfDescriptors = scheduler.OutOfDescriptors;
        Statistics = scheduler.Statistics();
        Elapsed = TimeSpan.FromSeconds((double)(now - start) / Second);
        return this;
    }

    public IEnumerable<int> PortsWith(int host, PortState state) =>
        Results.Where(r => r.Target.HostIndex == host && r.State == state).Select(r => r.Target.Port);

    private sealed class InFlight(PendingProbe probe, TimeSpan timeout, long sent, ScanProbeOutcome? answer, long answerAt)
    {
        public PendingProbe Probe = probe;
        public TimeSpan Timeout = timeout;

        public long Sent { get; } = sent;

        public ScanProbeOutcome? Answer { get; } = answer;

        public long AnswerAt { get; } = answerAt;

        public long Deadline => Sent + (long)(Timeout.TotalSeconds * Second);
    }
}
