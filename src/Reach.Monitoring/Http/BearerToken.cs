using System.Security.Cryptography;
using System.Text;

namespace Reach.Monitoring.Http;

/// <summary>
/// Checks an <c>Authorization</c> header against the token of <c>--token</c>. The scheme is matched without regard
/// to case (RFC 7235 §2.1: <c>bearer</c>, <c>BEARER</c> and <c>Bearer</c> are one scheme) and may be followed by
/// more than one space; the token itself is compared exactly, in constant time.
/// </summary>
internal sealed class BearerToken(string token)
{
    private const string Scheme = "Bearer";

    private readonly byte[] expected = Encoding.UTF8.GetBytes(token);

    public bool Accepts(string? authorization)
    {
        var header = authorization.AsSpan();
        if (header.Length <= Scheme.Length + 1
            || !header[..Scheme.Length].Equals(Scheme, StringComparison.OrdinalIgnoreCase)
            || header[Scheme.Length] != ' ')
        {
            return false;
        }

        var given = Encoding.UTF8.GetBytes(header[(Scheme.Length + 1)..].TrimStart(' ').ToString());
        return CryptographicOperations.FixedTimeEquals(given, expected);
    }
}
