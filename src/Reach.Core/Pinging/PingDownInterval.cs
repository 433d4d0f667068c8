namespace Reach.Pinging;

/// <summary>
/// A run of failed probes: "down 12:00:03 → 12:00:09, 6 s, 6 probes". It starts at the first failed probe and ends
/// at the next successful one; an interval still open when the run ends has no <see cref="End"/> and lasts until then.
/// </summary>
/// <param name="Start">When the first failed probe of the run started.</param>
/// <param name="End">When the next successful probe started; null when the run ended while down.</param>
/// <param name="Duration">From <see cref="Start"/> to <see cref="End"/> (or to the end of the run).</param>
/// <param name="Probes">How many probes failed in a row.</param>
/// <param name="FirstSequence">The sequence number of the first failed probe.</param>
public sealed record PingDownInterval(DateTimeOffset Start, DateTimeOffset? End, TimeSpan Duration, int Probes, int FirstSequence)
{
    public bool Ongoing => End is null;
}
