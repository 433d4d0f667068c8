namespace Reach.Sockets;

/// <summary>A socket with its owner and its exposure: one line of <c>reach sockets</c>.</summary>
public sealed record SocketView(SocketEntry Entry, Exposure Exposure)
{
    public SocketRow Row => Entry.Row;

    /// <summary>The owning user: the (first) owner's, else the one the table names.</summary>
    public string? User => Entry.Owner?.User ?? Entry.OwnerUser;
}
