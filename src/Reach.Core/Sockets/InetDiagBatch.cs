namespace Reach.Sockets;

/// <summary>What one netlink datagram of a sock_diag dump ended with.</summary>
/// <param name="Done">The dump is complete (NLMSG_DONE or NLMSG_ERROR seen): stop receiving.</param>
/// <param name="Errno">The kernel's error (positive errno) from NLMSG_ERROR or NLMSG_DONE; 0 when none.</param>
internal readonly record struct InetDiagBatch(bool Done, int Errno);
