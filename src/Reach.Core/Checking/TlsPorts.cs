namespace Reach.Checking;

/// <summary>Where <c>reach check</c> shakes hands with TLS.</summary>
public enum TlsPorts
{
    /// <summary>On every open port (<c>--tls</c>).</summary>
    All,

    /// <summary>Only where the service is TLS from the first byte (443, 465, 636, 853, 990, 993, 995, 5986, 8443): the default.</summary>
    Wrapped,
}
