using System.Net.Sockets;
using System.Runtime.Versioning;

namespace Reach.Tracing;

/// <summary>
/// Windows answers an RST to its SYN by sending the SYN again (about 2 s in all) before it reports the port refused,
/// so with a 1 s probe timeout every closed port would look silent. SIO_TCP_INITIAL_RTO with
/// MaxSynRetransmissions = TCP_INITIAL_RTO_NO_SYN_RETRANSMISSIONS (Windows 10 1709 and later) sends one SYN only:
/// an RST fails the connect at once, as one probe should.
/// </summary>
[SupportedOSPlatform("windows")]
internal static class WindowsSynRetransmissions
{
    /// <summary><c>_WSAIOW(IOC_VENDOR, 17)</c> (mstcpip.h).</summary>
    private const int SioTcpInitialRto = unchecked((int)0x98000011);

    /// <summary>
    /// TCP_INITIAL_RTO_PARAMETERS, little-endian: Rtt = TCP_INITIAL_RTO_UNSPECIFIED_RTT (0xFFFF, the system's),
    /// MaxSynRetransmissions = TCP_INITIAL_RTO_NO_SYN_RETRANSMISSIONS (0xFE), one padding byte.
    /// </summary>
    private static readonly byte[] NoRetransmissions = [0xFF, 0xFF, 0xFE, 0x00];

    /// <summary>Best effort before connect: an older Windows refuses it and then retries the SYN as usual.</summary>
    public static void Disable(Socket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        try
        {
            socket.IOControl(SioTcpInitialRto, NoRetransmissions, null);
        }
        catch (SocketException)
        {
        }
    }
}
