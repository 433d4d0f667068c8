using System.Formats.Asn1;
using System.Numerics;

namespace Reach.Tls;

/// <summary>
/// LDAP's upgrade (RFC 4511 §4.14): an ExtendedRequest naming StartTLS (1.3.6.1.4.1.1466.20037), answered by an
/// ExtendedResponse whose resultCode 0 means "go ahead". The answer is read by its BER length (bounded), then parsed.
/// </summary>
internal static class LdapStartTls
{
    /// <summary>The longest answer read: an ExtendedResponse is a few dozen bytes, its diagnostic message short.</summary>
    public const int MaxMessage = 1 << 16;

    /// <summary>
    /// LDAPMessage { messageID 1, extendedReq [APPLICATION 23] { requestName [0] "1.3.6.1.4.1.1466.20037" } },
    /// byte for byte what openssl s_client -starttls ldap and ldapsearch -ZZ send.
    /// </summary>
    private static readonly byte[] ExtendedRequest =
    [
        0x30, 0x1d, 0x02, 0x01, 0x01, 0x77, 0x18, 0x80, 0x16,
        .. "1.3.6.1.4.1.1466.20037"u8,
    ];

    private static readonly Asn1Tag ExtendedResponseTag = new(TagClass.Application, 24, isConstructed: true);

    public static async Task NegotiateAsync(Stream stream, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(ExtendedRequest, cancellationToken).ConfigureAwait(false);
        var message = await ReadMessageAsync(stream, cancellationToken).ConfigureAwait(false);
        var (code, diagnostic) = Parse(message);
        if (code != 0)
        {
            throw new StartTlsException($"the LDAP server refused StartTLS: {Describe(code)}{(diagnostic.Length == 0 ? string.Empty : $": {diagnostic}")}");
        }
    }

    /// <summary>One LDAPMessage, tag and length included: a SEQUENCE, its definite length in at most 4 bytes.</summary>
    private static async Task<byte[]> ReadMessageAsync(Stream stream, CancellationToken cancellationToken)
    {
        var head = new byte[2];
        await StartTlsIo.ReadExactlyAsync(stream, head, "answering the StartTLS request", cancellationToken).ConfigureAwait(false);
        if (head[0] != 0x30 || head[1] is 0x80 or > 0x84)
        {
            throw new StartTlsException($"not an LDAP server: it answered the StartTLS request with {await StartTlsIo.QuoteAsync(stream, head, cancellationToken).ConfigureAwait(false)}");
        }

        var lengthBytes = head[1] > 0x80 ? head[1] - 0x80 : 0;
        var longLength = new byte[lengthBytes];
        await StartTlsIo.ReadExactlyAsync(stream, longLength, "its answer's length", cancellationToken).ConfigureAwait(false);
        var length = lengthBytes == 0 ? head[1] : longLength.Aggregate(0L, (value, b) => (value << 8) | b);
        if (length > MaxMessage)
        {
            throw new StartTlsException($"the LDAP server announced a {length}-byte answer, more than reach reads ({MaxMessage})");
        }

        var message = new byte[2 + lengthBytes + length];
        head.CopyTo(message, 0);
        longLength.CopyTo(message, 2);
        await StartTlsIo.ReadExactlyAsync(stream, message.AsMemory(2 + lengthBytes), "its answer", cancellationToken).ConfigureAwait(false);
        return message;
    }

    /// <summary>The ExtendedResponse's resultCode and diagnosticMessage (one printable line).</summary>
    private static (long Code, string Diagnostic) Parse(byte[] message)
    {
        try
        {
            var sequence = new AsnReader(message, AsnEncodingRules.BER).ReadSequence();
            _ = sequence.ReadInteger(); // messageID: 1, or 0 for a Notice of Disconnection (RFC 4511 §4.4.1)
            var tag = sequence.PeekTag();
            if (tag != ExtendedResponseTag)
            {
                throw new StartTlsException($"the LDAP server answered with another operation ([APPLICATION {tag.TagValue}]), not an ExtendedResponse");
            }

            var response = sequence.ReadSequence(ExtendedResponseTag);
            var code = new BigInteger(response.ReadEnumeratedBytes().Span, isUnsigned: false, isBigEndian: true);
            _ = response.ReadOctetString(); // matchedDN
            var diagnostic = response.ReadOctetString();
            return ((long)BigInteger.Clamp(code, long.MinValue, long.MaxValue), StartTlsIo.Message(diagnostic));
        }
        catch (AsnContentException ex)
        {
            throw new StartTlsException($"a malformed LDAP answer: {ex.Message}", ex);
        }
    }

    /// <summary>The resultCode and its name (RFC 4511 Appendix A) for the codes a StartTLS refusal uses.</summary>
    private static string Describe(long code) => code switch
    {
        1 => "operationsError (1)",
        2 => "protocolError (2)",
        7 => "authMethodNotSupported (7)",
        8 => "strongerAuthRequired (8)",
        12 => "unavailableCriticalExtension (12)",
        13 => "confidentialityRequired (13)",
        50 => "insufficientAccessRights (50)",
        51 => "busy (51)",
        52 => "unavailable (52)",
        53 => "unwillingToPerform (53)",
        80 => "other (80)",
        _ => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"resultCode {code}"),
    };
}
