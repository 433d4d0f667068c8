using System.Text.Json.Serialization;

namespace Reach.Monitoring.Store;

/// <summary>What an entry of the incident history is: stored as its number, shown as its word.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<IncidentKind>))]
internal enum IncidentKind
{
    /// <summary>The target was DOWN: what uptime and reports count.</summary>
    [JsonStringEnumMemberName("outage")] Outage = 0,

    /// <summary>A tls check's certificate had fewer days left than <c>warn_days</c>, until it was renewed.</summary>
    [JsonStringEnumMemberName("certificate-expiring")] CertificateExpiring = 1,

    /// <summary>A tls check's certificate changed (a new SHA-256 fingerprint): an instant, with no alert.</summary>
    [JsonStringEnumMemberName("certificate-changed")] CertificateChanged = 2,
}
