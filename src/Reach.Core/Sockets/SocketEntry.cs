namespace Reach.Sockets;

/// <summary>A socket-table row joined with its owning process.</summary>
/// <param name="Row">What the kernel's table says.</param>
/// <param name="Owner">The owning process; <see langword="null"/> when it cannot be seen (another user's process without privileges).</param>
/// <param name="OwnerUser">The owning user name when the table knows the uid but the process is hidden.</param>
public sealed record SocketEntry(SocketRow Row, ProcessOwner? Owner, string? OwnerUser = null);
