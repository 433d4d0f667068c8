using System.Formats.Asn1;
using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace Reach.Tls;

/// <summary>
/// The DNS names and IP addresses of a certificate's Subject Alternative Name extension, in the certificate's own
/// order, as <c>openssl x509 -text</c> lists them. .NET's <c>EnumerateDnsNames</c> and <c>EnumerateIPAddresses</c>
/// each give one kind, so listing one after the other put every address after every name, and the "first 50"
/// shown were not the certificate's first 50.
/// </summary>
internal static class SubjectAltNames
{
    private static readonly Asn1Tag DnsName = new(TagClass.ContextSpecific, 2);
    private static readonly Asn1Tag IpAddress = new(TagClass.ContextSpecific, 7);

    /// <summary>Every DNS name and IP address (other kinds skipped); a malformed extension yields what was read before the fault.</summary>
    public static List<string> Read(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var names = new List<string>();
        if (certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().FirstOrDefault() is not { } san)
        {
            return names;
        }

        try
        {
            // GeneralNames ::= SEQUENCE OF GeneralName (RFC 5280 §4.2.1.6): dNSName [2] IA5String, iPAddress [7] OCTET STRING.
            var sequence = new AsnReader(san.RawData, AsnEncodingRules.DER).ReadSequence();
            while (sequence.HasData)
            {
                var tag = sequence.PeekTag();
                if (tag.HasSameClassAndValue(DnsName))
                {
                    names.Add(sequence.ReadCharacterString(UniversalTagNumber.IA5String, DnsName));
                }
                else if (tag.HasSameClassAndValue(IpAddress))
                {
                    var address = sequence.ReadOctetString(IpAddress);
                    names.Add(address.Length is 4 or 16 ? new IPAddress(address).ToString() : Convert.ToHexString(address));
                }
                else
                {
                    sequence.ReadEncodedValue();
                }
            }
        }
        catch (AsnContentException)
        {
            // A server may send anything: what was read is shown, the rest is not.
        }

        return names;
    }
}
