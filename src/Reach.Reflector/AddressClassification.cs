using System.Net;

namespace Reach.Reflector;

/// <summary>
/// What <see cref="AddressClasses.Classify"/> found: the class that decides, the row that holds the address, and for
/// an IPv6 form that carries an IPv4 address, that address and its row.
/// </summary>
internal sealed record AddressClassification(IPAddress Address, AddressClass Class, AddressRange Range, IPAddress? Embedded, AddressRange? EmbeddedRange)
{
    /// <summary>
    /// The class and why, for an error sentence: <c>loopback (127.0.0.0/8 Loopback, RFC 1122 §3.2.1.3)</c>, or with an
    /// embedded address <c>loopback (2002::/16 6to4, RFC 3056, of 127.0.0.1: 127.0.0.0/8 Loopback, …)</c>.
    /// </summary>
    public override string ToString() => Embedded is null
        ? $"{Class.ToWord()} ({Range})"
        : $"{Class.ToWord()} ({Range}, of {Embedded}: {EmbeddedRange})";
}
