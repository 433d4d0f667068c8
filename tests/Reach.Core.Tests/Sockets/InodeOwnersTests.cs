using Reach.Sockets;

namespace Reach.Core.Tests.Sockets;

public class InodeOwnersTests
{
    [Fact]
    public void Of_ListsEachHolderOnce_LowestFirst_WhateverOrderTheyWereFound()
    {
        var owners = new InodeOwners([7]);

        owners.Add(7, 300);
        owners.Add(7, 300); // a dup'ed descriptor
        owners.Add(7, 20);
        owners.Add(7, 4000);
        owners.Add(7, 20);

        Assert.Equal([20, 300, 4000], owners.Of(7));
        Assert.False(owners.TryGetSingle(7, out _));
    }

    [Fact]
    public void InodesNotLookedFor_AndInodeZero_AreIgnored()
    {
        var owners = new InodeOwners([0, 7, 7]);

        owners.Add(8, 100);
        owners.Add(0, 100);

        Assert.Equal(1, owners.Count);
        Assert.Empty(owners.Of(8));
        Assert.Empty(owners.Of(7));
        Assert.False(owners.TryGetSingle(7, out _));
    }

    [Fact]
    public void TryGetSingle_IsTheOnlyHolder()
    {
        var owners = new InodeOwners([7]);
        owners.Add(7, 42);
        owners.Add(7, 42);

        Assert.True(owners.TryGetSingle(7, out var pid));
        Assert.Equal(42, pid);
        Assert.Equal([42], owners.Of(7));
    }
}
