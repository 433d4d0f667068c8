namespace Reach.Sockets;

/// <summary>
/// Sizes, offsets and numbers of the netlink sock_diag structures (linux/netlink.h, linux/rtnetlink.h,
/// linux/sock_diag.h, linux/inet_diag.h). Native byte order except the ports and addresses of inet_diag_sockid.
/// </summary>
internal static class InetDiagLayout
{
    // struct nlmsghdr { u32 len; u16 type; u16 flags; u32 seq; u32 pid; }
    public const int NlMsgHeaderSize = 16;
    public const int NlMsgAlign = 4;
    public const ushort NlMsgNoop = 1;
    public const ushort NlMsgError = 2;
    public const ushort NlMsgDone = 3;
    public const ushort NlMsgOverrun = 4;
    public const ushort NlmFRequest = 0x1;
    public const ushort NlmFDump = 0x300;

    public const ushort SockDiagByFamily = 20;

    // struct inet_diag_sockid { be16 sport; be16 dport; be32 src[4]; be32 dst[4]; u32 if; u32 cookie[2]; }
    public const int SockIdSize = 48;
    public const int SockIdSourcePort = 0;
    public const int SockIdDestinationPort = 2;
    public const int SockIdSource = 4;
    public const int SockIdDestination = 20;
    public const int SockIdInterface = 36;

    // struct inet_diag_req_v2 { u8 family; u8 protocol; u8 ext; u8 pad; u32 states; inet_diag_sockid id; }
    public const int RequestSize = 8 + SockIdSize;

    // struct inet_diag_msg { u8 family; u8 state; u8 timer; u8 retrans; sockid id; u32 expires, rqueue, wqueue, uid, inode; }
    public const int MessageSize = 4 + SockIdSize + 20;
    public const int MessageFamily = 0;
    public const int MessageState = 1;
    public const int MessageSockId = 4;
    public const int MessageUid = 4 + SockIdSize + 12;
    public const int MessageInode = 4 + SockIdSize + 16;

    // struct rtattr { u16 len; u16 type; } followed by the payload, each attribute aligned to 4 bytes.
    public const int AttributeHeaderSize = 4;
    public const ushort AttributeTypeMask = 0x3fff; // without NLA_F_NESTED / NLA_F_NET_BYTEORDER
    public const ushort InetDiagSkV6Only = 11;

    public const byte AfInet = 2;
    public const byte AfInet6 = 10;
    public const byte IpProtoTcp = 6;
    public const byte IpProtoUdp = 17;

    public static int Align(int length) => (length + NlMsgAlign - 1) & ~(NlMsgAlign - 1);
}
