using Reach.Monitoring.Probing;

namespace Reach.Monitoring.State;

/// <summary>
/// A tls check's certificate over time: a changed fingerprint is an event; fewer days left than <c>warn_days</c>
/// opens one warning (not one per probe), and enough days again (a renewal) closes it. Pure, as the state machine.
/// </summary>
internal static class CertificateWatch
{
    public static IReadOnlyList<CertificateEvent> Observe(CertificateMemory memory, TlsDetails seen, int warnDays)
    {
        ArgumentNullException.ThrowIfNull(memory);
        ArgumentNullException.ThrowIfNull(seen);
        var events = new List<CertificateEvent>(2);
        if (memory.Sha256 is { } before && !string.Equals(before, seen.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            events.Add(new CertificateEvent(CertificateEventKind.Changed, seen, before, warnDays));
        }

        var warns = seen.DaysLeft < warnDays;
        if (warns && memory.WarningId is null)
        {
            events.Add(new CertificateEvent(CertificateEventKind.Expiring, seen, null, warnDays));
        }
        else if (!warns && memory.WarningId is not null)
        {
            events.Add(new CertificateEvent(CertificateEventKind.Renewed, seen, null, warnDays));
        }

        return events;
    }
}
