using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Reach.Checking;
using Reach.Cli.Infrastructure;
using Reach.Probes;
using Reach.Text;
using Reach.Tls;

namespace Reach.Cli.Commands;

/// <summary>
/// Binds <c>--tls</c>, <c>--no-tls</c>, <c>--insecure</c>, <c>--ca</c>, <c>--cert-warn</c>, <c>--cert-fail</c>,
/// <c>--starttls</c>: any of them but <c>--no-tls</c> asks for TLS on every open port; none of them, TLS on the TLS
/// ports only (443, 993, …) with the defaults.
/// </summary>
internal static class TlsOptions
{
    private const int MaxDays = 3650;

    /// <param name="anyTlsPort">Some target is on a TLS port or an https URL: without a TLS option, the default check is
    /// built only then (a plain check of port 22 does not pay for the TLS settings).</param>
    public static (TlsCheck? Check, TlsPorts Ports) Bind(
        bool tls, bool noTls, bool insecure, string? caFile, int? warnDays, int? failDays, string? startTls, TimeSpan timeout, bool anyTlsPort)
    {
        var asked = tls || insecure || caFile is not null || warnDays is not null || failDays is not null || startTls is not null;
        if (noTls)
        {
            return asked
                ? throw new UsageException("--no-tls with a TLS option (--tls, --insecure, --ca, --cert-warn, --cert-fail, --starttls): choose one")
                : (null, TlsPorts.Wrapped);
        }

        if (!asked && !anyTlsPort)
        {
            return (null, TlsPorts.Wrapped);
        }

        StartTlsProtocol? upgrade = null;
        if (startTls is not null)
        {
            upgrade = ProbeWords.TryParse(startTls.ToLowerInvariant(), out StartTlsProtocol parsed)
                ? parsed
                : throw new UsageException($"--starttls: unknown protocol {Printable.Quote(startTls)} ({StartTls.Words})");
        }

        var warn = Days(warnDays, "--cert-warn") ?? 14;
        var fail = Days(failDays, "--cert-fail");
        var check = new TlsCheck(new TlsProbeOptions { Timeout = timeout, ExtraTrust = caFile is null ? [] : ReadCa(caFile), StartTls = upgrade }, insecure, warn, fail);
        return (check, asked ? TlsPorts.All : TlsPorts.Wrapped);
    }

    private static int? Days(int? value, string option) => value switch
    {
        null => null,
        < 0 or > MaxDays => throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"{option} {value}: give a number of days from 0 to {MaxDays}")),
        _ => value,
    };

    /// <summary><c>--ca FILE</c>: the PEM file's certificates, or a one-line usage error naming the file (check and scan).</summary>
    internal static X509Certificate2Collection ReadCa(string path)
    {
        var certificates = new X509Certificate2Collection();
        try
        {
            certificates.ImportFromPemFile(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            throw new UsageException($"--ca: cannot read {Printable.Quote(path)}: {(ex is CryptographicException ? "not a PEM certificate file" : FileErrors.Describe(ex, path))}");
        }

        return certificates.Count > 0
            ? certificates
            : throw new UsageException($"--ca: {Printable.Quote(path)} holds no certificate (-----BEGIN CERTIFICATE-----)");
    }
}
