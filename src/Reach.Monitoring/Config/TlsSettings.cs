using System.Security.Cryptography.X509Certificates;
using Reach.Tls;

namespace Reach.Monitoring.Config;

/// <summary>What a <c>tls</c> check asks of each port's handshake and certificate.</summary>
/// <param name="WarnDays">A certificate with fewer days left raises one warning alert (<c>warn_days</c>, default 14).</param>
/// <param name="FailDays">A certificate with fewer days left makes the target DOWN (<c>fail_days</c>); null: only an expired one.</param>
/// <param name="Insecure">Do not fail on trust (<c>insecure</c>): only a failed handshake or the days fail.</param>
/// <param name="ExtraTrust">The <c>ca</c> file's certificates, trusted besides the system's.</param>
/// <param name="StartTls">The upgrade before the handshake (<c>starttls</c>); null: chosen by port as <c>reach check</c> does.</param>
internal sealed record TlsSettings(int WarnDays, int? FailDays, bool Insecure, X509Certificate2Collection ExtraTrust, StartTlsProtocol? StartTls)
{
    public const int DefaultWarnDays = 14;
}
