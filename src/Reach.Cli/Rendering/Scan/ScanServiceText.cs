using System.Globalization;
using Reach.Identification;
using Reach.Probes;
using Reach.Services;
using Reach.Tls;

namespace Reach.Cli.Rendering.Scan;

/// <summary>
/// The words every text format of <c>reach scan --service</c> uses for what answered a port. Server bytes arrive here
/// already as one printable line (<see cref="BannerReader"/>, <see cref="TlsProbe"/>); each format quotes them its way.
/// </summary>
internal static class ScanServiceText
{
    /// <summary>The mark after a service name that contradicts the port's number (<c>ssh!</c> on 443).</summary>
    public const string MismatchMark = "!";

    /// <summary>After the trust problems with <c>--insecure</c>: shown, not held against the certificate.</summary>
    public const string AllowedMark = ", allowed by --insecure";

    /// <summary>
    /// The service column: the protocol that answered (nmap's word, <c>!</c> when the port promises another), or, where
    /// nothing known answered, the port's IANA name with <c>?</c> as nmap marks a guess; without <c>--service</c>, the
    /// IANA name.
    /// </summary>
    public static string Name(int port, ServiceIdentification? identification)
    {
        var iana = ServiceCatalog.FindByPort(port)?.Name;
        if (identification is null)
        {
            return iana ?? string.Empty;
        }

        return identification.Protocol switch
        {
            { } known when known != ServiceProtocol.Unknown => known.ToWord() + (identification.Mismatch ? MismatchMark : string.Empty),
            _ => iana is null ? "unknown" : iana + "?",
        };
    }

    /// <summary>What answered, in one line: the banner's text, or why there is none; the contradiction, if any.</summary>
    public static string Detail(int port, ServiceIdentification identification)
    {
        ArgumentNullException.ThrowIfNull(identification);
        var banner = identification.Banner;
        var text = banner switch
        {
            { Error: { } error } => $"not identified: {error}",
            { Text: { Length: > 0 } answer } => answer,
            { Closed: true } => "closed the connection without a word",
            { Probe: { } probe } => $"no answer, not even to {probe.ToWord()}",
            _ => "said nothing within the wait",
        };
        return identification.Mismatch && identification.Expected is { } expected && identification.Protocol is { } answered
            ? $"{text}  [port {port.ToString(CultureInfo.InvariantCulture)} answers {answered.ToDisplayName()}, not {expected.Name}]"
            : text;
    }

    /// <summary>The TLS report in brief: protocol, leaf subject, expiry and days left, trust; or why no handshake.</summary>
    /// <param name="tls">The handshake's report.</param>
    /// <param name="insecure"><c>--insecure</c>: trust problems are named, and said to be allowed.</param>
    public static string Tls(TlsReport tls, bool insecure = false)
    {
        ArgumentNullException.ThrowIfNull(tls);
        var upgrade = tls.StartTls is { } protocol ? $"STARTTLS {protocol.ToWord()}, " : string.Empty;
        if (!tls.HandshakeCompleted)
        {
            return $"TLS {upgrade}no handshake: {tls.Error}";
        }

        var trust = tls.Trusted ? "trusted" : $"not trusted ({Problems(tls)}){(insecure ? AllowedMark : string.Empty)}";
        if (tls.Chain.Count == 0)
        {
            return $"TLS {upgrade}{tls.Protocol}  no certificate  {trust}";
        }

        var leaf = tls.Chain[0];
        var days = tls.DaysLeft is { } left
            ? left < 0 ? string.Create(CultureInfo.InvariantCulture, $"expired {-left} days ago") : string.Create(CultureInfo.InvariantCulture, $"{left} days left")
            : string.Empty;
        return string.Create(CultureInfo.InvariantCulture, $"TLS {upgrade}{tls.Protocol}  {leaf.Subject}  until {leaf.NotAfter:yyyy-MM-dd} ({days})  {trust}");
    }

    /// <summary>The trust problems' words, separated by spaces in CSV and by commas in sentences.</summary>
    public static string Problems(TlsReport tls, string separator = ", ")
    {
        ArgumentNullException.ThrowIfNull(tls);
        return string.Join(separator, tls.Problems.Select(p => p.ToWord()));
    }

    /// <summary>
    /// True when the TLS line deserves the failure color: no handshake, or trust problems unless <c>--insecure</c>
    /// (as <c>reach check --insecure</c> does not fail on them).
    /// </summary>
    public static bool TlsFails(TlsReport tls, bool insecure)
    {
        ArgumentNullException.ThrowIfNull(tls);
        return !tls.HandshakeCompleted || (!tls.Trusted && !insecure);
    }

    /// <summary>True when the answer deserves a warning color: another protocol than promised, or no answer at all.</summary>
    public static bool Warns(ServiceIdentification identification)
    {
        ArgumentNullException.ThrowIfNull(identification);
        return identification.Mismatch || identification.Protocol is null || identification.Interrupted;
    }
}
