using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Reach.Probes;
using Reach.Text;
using Reach.Tls;
using YamlDotNet.RepresentationModel;

namespace Reach.Monitoring.Config;

/// <summary>Reads a check's TLS keys (<c>warn_days</c>, <c>fail_days</c>, <c>insecure</c>, <c>ca</c>, <c>starttls</c>).</summary>
internal static class TlsSettingsReader
{
    public static readonly string[] Keys = ["warn_days", "fail_days", "insecure", "ca", "starttls"];

    private const int MaxDays = 3650;

    /// <summary>
    /// The settings, or null when the check is of a type without TLS (and then none of the keys may be given). An http
    /// check always has them (they judge the certificate of an https answer), all but <c>starttls</c>.
    /// </summary>
    public static TlsSettings? Read(YamlNodeReader reader, MappingFields f, CheckType type, string baseDirectory)
    {
        if (type == CheckType.Http && f["starttls"] is { } upgrade)
        {
            throw reader.Error(upgrade, f.PathOf("starttls"), "an http check has no 'starttls' (https speaks TLS from the first byte)");
        }

        if (type is not (CheckType.Tls or CheckType.Http))
        {
            if (Keys.FirstOrDefault(f.Has) is { } key)
            {
                throw reader.Error(f[key]!, f.PathOf(key), $"only a tls or http check has '{key}'");
            }

            return null;
        }

        var warn = f["warn_days"] is { } w ? reader.Integer(w, f.PathOf("warn_days"), 0, MaxDays) : TlsSettings.DefaultWarnDays;
        var fail = f["fail_days"] is { } d ? reader.Integer(d, f.PathOf("fail_days"), 0, MaxDays) : (int?)null;
        var insecure = f["insecure"] is { } i && reader.Boolean(i, f.PathOf("insecure"));
        var trust = f["ca"] is { } ca ? ReadCa(reader, ca, f.PathOf("ca"), baseDirectory) : [];
        StartTlsProtocol? startTls = null;
        if (f["starttls"] is { } s)
        {
            var word = reader.RequiredScalar(s, f.PathOf("starttls"));
            startTls = ProbeWords.TryParse(word.ToLowerInvariant(), out StartTlsProtocol parsed)
                ? parsed
                : throw reader.Error(s, f.PathOf("starttls"), $"{Printable.Quote(word)} is not one of {StartTls.Words}");
        }

        return new TlsSettings(warn, fail, insecure, trust, startTls);
    }

    private static X509Certificate2Collection ReadCa(YamlNodeReader reader, YamlNode node, string path, string baseDirectory)
    {
        var file = reader.RequiredScalar(node, path);
        var full = Path.GetFullPath(Path.Combine(baseDirectory, file));
        var certificates = new X509Certificate2Collection();
        try
        {
            certificates.ImportFromPemFile(full);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            throw reader.Error(node, path, $"cannot read {Printable.Quote(file)}: {(ex is CryptographicException ? "not a PEM certificate file" : FileErrors.Describe(ex))}");
        }

        return certificates.Count > 0
            ? certificates
            : throw reader.Error(node, path, $"{Printable.Quote(file)} holds no certificate (-----BEGIN CERTIFICATE-----)");
    }
}
