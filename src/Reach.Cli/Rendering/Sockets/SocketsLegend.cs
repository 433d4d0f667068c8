namespace Reach.Cli.Rendering.Sockets;

/// <summary><c>reach sockets --explain</c>: the notations and states in plain words, printed without reading any table.</summary>
internal static class SocketsLegend
{
    public const string Text = """
        How to read reach sockets (and netstat, ss, Get-NetTCPConnection)

        Local address: where the socket takes connections
          0.0.0.0:80       every IPv4 address of this host: anyone who can reach any of them can connect
          [::]:80          every IPv6 address of this host, and on Linux IPv4 too (dual-stack) unless the program set
                           IPV6_V6ONLY; reach reads the flag per socket: "any v4+v6" or "any v6" (IPv6 only)
          *:80             ss's and macOS netstat's way to write a wildcard; ss writes a dual-stack [::] listener
                           (V6ONLY off) as *:80 and an IPv6-only one as [::]:80
          127.0.0.1:9050   loopback: only programs on this machine can connect (9050: Tor's SOCKS port)
          [::1]:631        the same for IPv6
          10.0.0.5:5432    one address: only hosts that can reach 10.0.0.5
          reach writes the local side exactly as bound, IPv6 in brackets.

        Remote address: who is at the other end
          *:*              no peer: a listener, or a UDP socket that takes datagrams from anyone (reach and ss)
          0.0.0.0:*        the same in Linux netstat
          [::]:0           the same in Windows netstat and Get-NetTCPConnection (0.0.0.0:0 for IPv4)
          203.0.113.9:443  a connected peer

        TCP states
          LISTEN           waits for new connections: this is what other hosts can connect to
          ESTABLISHED      a live connection, accepted by a listener here or opened by this host (see --outbound)
          SYN_SENT         this host is connecting out and has no answer yet (many: a peer or a firewall drops them)
          SYN_RECV         a peer is connecting in; the handshake is not finished
          CLOSE_WAIT       the peer closed; the program here has not closed its end yet (many: it leaks sockets)
          FIN_WAIT1/2      this side closed and waits for the peer to close too
          TIME_WAIT        closed; the kernel keeps the port pair for a minute so late packets do no harm; no
                           program owns it and nobody can connect to it
          LAST_ACK, CLOSING  the last steps of a close
          UNCONN           UDP has no states: a bound UDP socket with no peer (reach counts it as listening)

        Exposure: who can reach the local address
          loopback         127.0.0.0/8, ::1: only this machine
          link-local       169.254.0.0/16, fe80::/10: only hosts on the same link
          private          10/8, 172.16/12, 192.168/16, 100.64/10 (CGNAT), fc00::/7: hosts of that private network
          public           any other address: possibly the internet, unless a firewall blocks the port
          any v4 (public)  0.0.0.0; in brackets the widest class of this host's addresses it covers
          any v6 (…)       [::] with IPV6_V6ONLY on: IPv6 only
          any v4+v6 (…)    [::] dual-stack: IPv4 too
          any v6+v4? (…)   [::] where the table does not say (Windows, the /proc fallback): the system default, a guess
          `reach who PORT` lists the very addresses a wildcard covers.

        Owner: "?" cannot be seen (another user's process: run as root; or another PID namespace, a container);
        "-" no process owns it, the kernel does (TIME_WAIT, a connection not yet accepted, an orphaned FIN_WAIT2;
        the user is then the one the kernel keeps it for, "-" for TIME_WAIT). Several PIDs (1234,1235,1236): processes
        sharing the socket, as a pre-fork server's master and workers or a parent and its child do.
        """;
}
