using System.Formats.Asn1;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Reach.Lab.Tests.Lab;

namespace Reach.Lab.Tests.Identification;

/// <summary>
/// A certificate file as <c>openssl x509 -noout</c> describes it: the reference each field of reach's <c>chain</c>
/// entries is compared with. Names are asked for in reach's notation (<c>-nameopt sep_comma_plus_space,dn_rev</c>:
/// <c>CN=reach.test, O=Reach Lab</c>), dates in ISO 8601.
/// </summary>
/// <param name="SignatureAlgorithmOid">The dotted OID of the signature algorithm openssl names (<c>sha256WithRSAEncryption</c>),
/// found by having openssl encode that name: reach uses Windows' names for the same OIDs (<c>sha256RSA</c>).</param>
/// <param name="KeyAlgorithm">openssl's name of the key's algorithm (<c>rsaEncryption</c>, <c>id-ecPublicKey</c>).</param>
public sealed partial record OpenSslCertificate(
    string Subject,
    string Issuer,
    IReadOnlyList<string> Names,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter,
    string KeyAlgorithm,
    int KeyBits,
    string SignatureAlgorithm,
    string SignatureAlgorithmOid,
    string Sha256)
{
    /// <summary>reach's word for the key type of openssl's key algorithm.</summary>
    public string ReachKeyType => KeyAlgorithm switch
    {
        "rsaEncryption" => "RSA",
        "id-ecPublicKey" => "ECDSA",
        "ED25519" => "Ed25519",
        _ => KeyAlgorithm,
    };

    public static async Task<OpenSslCertificate> ReadAsync(string pemFile)
    {
        const string NameOptions = "utf8,sep_comma_plus_space,dn_rev,esc_2253";
        var subject = After(await X509Async(pemFile, "-subject", "-nameopt", NameOptions), "subject=");
        var issuer = After(await X509Async(pemFile, "-issuer", "-nameopt", NameOptions), "issuer=");
        var dates = await X509Async(pemFile, "-dates", "-dateopt", "iso_8601");
        var fingerprint = After(await X509Async(pemFile, "-fingerprint", "-sha256"), "sha256 Fingerprint=");
        var san = await X509Async(pemFile, "-ext", "subjectAltName");
        var text = await X509Async(pemFile, "-text");

        var signature = Field(SignatureLine(), text);
        return new OpenSslCertificate(
            subject,
            issuer,
            [.. SanEntry().Matches(san).Select(Name)],
            Date(Field(NotBeforeLine(), dates)),
            Date(Field(NotAfterLine(), dates)),
            Field(KeyAlgorithmLine(), text),
            int.Parse(Field(KeyBitsLine(), text), CultureInfo.InvariantCulture),
            signature,
            await OidOfAsync(signature),
            fingerprint);
    }

    /// <summary>Has openssl encode an OBJECT by name (<c>asn1parse -genstr OID:NAME</c>) and reads the dotted OID from the DER.</summary>
    private static async Task<string> OidOfAsync(string name)
    {
        var der = Path.Join(Path.GetTempPath(), $"reach-oid-{Guid.NewGuid():N}.der");
        try
        {
            await RunAsync(["asn1parse", "-genstr", $"OID:{name}", "-out", der, "-noout"]);
            return AsnDecoder.ReadObjectIdentifier(await File.ReadAllBytesAsync(der), AsnEncodingRules.DER, out _);
        }
        finally
        {
            File.Delete(der);
        }
    }

    private static Task<string> X509Async(string pemFile, params string[] options) =>
        RunAsync(["x509", "-in", pemFile, "-noout", .. options]);

    private static async Task<string> RunAsync(string[] arguments)
    {
        var result = await CommandRunner.RunAsync("openssl", arguments, TimeSpan.FromSeconds(30));
        Assert.True(result.ExitCode == 0, result.Describe());
        return result.StdOut;
    }

    private static string After(string output, string prefix)
    {
        var line = output.Trim();
        Assert.StartsWith(prefix, line, StringComparison.Ordinal);
        return line[prefix.Length..];
    }

    private static string Field(Regex pattern, string output)
    {
        var match = pattern.Match(output);
        Assert.True(match.Success, $"{pattern} not in openssl's output:\n{output}");
        return match.Groups["value"].Value.Trim();
    }

    /// <summary>A SAN entry as reach writes it: a DNS name as is, an address in its usual short form (openssl writes
    /// IPv6 in full, <c>FD00:5EAC:0:0:0:0:0:1</c>).</summary>
    private static string Name(Match entry) =>
        entry.Groups["kind"].Value == "DNS" ? entry.Groups["value"].Value : IPAddress.Parse(entry.Groups["value"].Value).ToString();

    private static DateTimeOffset Date(string iso) =>
        DateTimeOffset.ParseExact(iso, "yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    [GeneratedRegex(@"^notBefore=(?<value>.+)$", RegexOptions.Multiline)]
    private static partial Regex NotBeforeLine();

    [GeneratedRegex(@"^notAfter=(?<value>.+)$", RegexOptions.Multiline)]
    private static partial Regex NotAfterLine();

    [GeneratedRegex(@"Signature Algorithm: (?<value>\S+)")]
    private static partial Regex SignatureLine();

    [GeneratedRegex(@"Public Key Algorithm: (?<value>\S+)")]
    private static partial Regex KeyAlgorithmLine();

    [GeneratedRegex(@"Public-Key: \((?<value>\d+) bit\)")]
    private static partial Regex KeyBitsLine();

    [GeneratedRegex(@"(?<kind>DNS|IP Address):(?<value>[^,\s]+)")]
    private static partial Regex SanEntry();
}
