using System.Data.Common;
using System.Globalization;
using Reach.Monitoring.State;
using static Reach.Monitoring.Store.StoreCommands;
using static Reach.Monitoring.Store.StoredValues;

namespace Reach.Monitoring.Store;

/// <summary>
/// A certificate's events in the incident history, inside the caller's transaction: a change is an entry that starts
/// and ends at once; an expiry warning opens an entry and queues its alerts; the renewal closes it and queues theirs.
/// </summary>
internal static class CertificateEventWriter
{
    /// <summary>Writes the event; returns the open warning's id afterwards (null once closed).</summary>
    public static async Task<long?> WriteAsync(
        DbConnection connection,
        DbTransaction transaction,
        long targetId,
        CertificateEvent certificateEvent,
        long? warningId,
        IReadOnlyList<string> channels,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(certificateEvent);
        var at = ToMs(now);
        switch (certificateEvent.Kind)
        {
            case CertificateEventKind.Changed:
                await ExecuteAsync(connection, transaction,
                    "INSERT INTO incidents (target, started, ended, reason, kind) VALUES (@id, @now, @now, @reason, @kind)",
                    cancellationToken, ("@id", targetId), ("@now", at), ("@reason", Describe(certificateEvent)), ("@kind", (int)IncidentKind.CertificateChanged)).ConfigureAwait(false);
                return warningId;
            case CertificateEventKind.Expiring:
                var opened = Convert.ToInt64(await ScalarAsync(connection, transaction,
                    "INSERT INTO incidents (target, started, reason, kind, last_alert) VALUES (@id, @now, @reason, @kind, @now) RETURNING id",
                    cancellationToken, ("@id", targetId), ("@now", at), ("@reason", Describe(certificateEvent)), ("@kind", (int)IncidentKind.CertificateExpiring)).ConfigureAwait(false),
                    CultureInfo.InvariantCulture);
                await IncidentAndAlertWriter.QueueAlertsAsync(connection, transaction, opened, AlertKind.Warning, channels, now, cancellationToken).ConfigureAwait(false);
                return opened;
            default:
                if (warningId is { } open)
                {
                    await ExecuteAsync(connection, transaction,
                        "UPDATE incidents SET ended = @now, end_note = @note WHERE id = @incident AND ended IS NULL",
                        cancellationToken, ("@now", at), ("@note", Describe(certificateEvent)), ("@incident", open)).ConfigureAwait(false);
                    await IncidentAndAlertWriter.QueueAlertsAsync(connection, transaction, open, AlertKind.Resolved, channels, now, cancellationToken).ConfigureAwait(false);
                }

                return null;
        }
    }

    /// <summary>The history's words: the certificate's subject, its days left and end of validity.</summary>
    public static string Describe(CertificateEvent certificateEvent)
    {
        ArgumentNullException.ThrowIfNull(certificateEvent);
        var c = certificateEvent.Certificate;
        return certificateEvent.Kind switch
        {
            CertificateEventKind.Changed => string.Create(CultureInfo.InvariantCulture,
                $"certificate changed: {c.Subject}, {c.DaysLeft} day(s) left ({c.NotAfter:yyyy-MM-dd}); SHA-256 {c.Sha256} (was {certificateEvent.PreviousSha256})"),
            CertificateEventKind.Expiring => string.Create(CultureInfo.InvariantCulture,
                $"certificate {c.Subject} expires in {c.DaysLeft} day(s) ({c.NotAfter:yyyy-MM-dd}), under warn_days {certificateEvent.WarnDays}"),
            _ => string.Create(CultureInfo.InvariantCulture,
                $"certificate renewed: {c.Subject}, {c.DaysLeft} day(s) left ({c.NotAfter:yyyy-MM-dd})"),
        };
    }
}
