using System.Net;
using System.Net.Sockets;
using Reach.Sockets;

namespace Reach.Lab.Tests.Sockets;

/// <summary>Writes a socket-table row the way <c>ss -tuanH</c> prints it, so the two can be compared as text.</summary>
internal static class SsNotation
{
    public static (string Protocol, string State, string Local, string Peer) Of(SocketRow row) => (
        row.Protocol == SocketProtocol.Tcp ? "tcp" : "udp",
        State(row),
        EndPoint(row.Local, row.V6Only, port0IsStar: false),
        EndPoint(row.Remote, row.V6Only, port0IsStar: true));

    private static string State(SocketRow row) => row.State switch
    {
        null => row.Remote.Port == 0 ? "UNCONN" : "ESTAB",
        TcpSocketState.Listen => "LISTEN",
        TcpSocketState.Established => "ESTAB",
        TcpSocketState.SynSent => "SYN-SENT",
        TcpSocketState.SynReceived => "SYN-RECV",
        TcpSocketState.FinWait1 => "FIN-WAIT-1",
        TcpSocketState.FinWait2 => "FIN-WAIT-2",
        TcpSocketState.TimeWait => "TIME-WAIT",
        TcpSocketState.Closed => "UNCONN",
        TcpSocketState.CloseWait => "CLOSE-WAIT",
        TcpSocketState.LastAck => "LAST-ACK",
        TcpSocketState.Closing => "CLOSING",
        _ => "UNKNOWN",
    };

    private static string EndPoint(IPEndPoint endPoint, bool? v6Only, bool port0IsStar)
    {
        var port = port0IsStar && endPoint.Port == 0 ? "*" : endPoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (endPoint.AddressFamily == AddressFamily.InterNetwork)
        {
            return $"{endPoint.Address}:{port}";
        }

        // ss: "*" for a wildcard IPv6 socket that also takes IPv4 (V6ONLY off), "[::]" for an IPv6-only one.
        return endPoint.Address.Equals(IPAddress.IPv6Any) && v6Only == false ? $"*:{port}" : $"[{endPoint.Address}]:{port}";
    }
}
