using System.Globalization;

namespace Reach.UdpProbing;

/// <summary>LDAP result codes as RFC 4511 §4.1.9 and Appendix A name them.</summary>
internal static class LdapResultCodes
{
    public static string Name(long code) => code switch
    {
        0 => "success",
        1 => "operationsError",
        2 => "protocolError",
        3 => "timeLimitExceeded",
        4 => "sizeLimitExceeded",
        7 => "authMethodNotSupported",
        8 => "strongerAuthRequired",
        10 => "referral",
        11 => "adminLimitExceeded",
        12 => "unavailableCriticalExtension",
        13 => "confidentialityRequired",
        16 => "noSuchAttribute",
        32 => "noSuchObject",
        34 => "invalidDNSyntax",
        48 => "inappropriateAuthentication",
        49 => "invalidCredentials",
        50 => "insufficientAccessRights",
        51 => "busy",
        52 => "unavailable",
        53 => "unwillingToPerform",
        80 => "other",
        _ => string.Create(CultureInfo.InvariantCulture, $"resultCode {code}"),
    };
}
