using System.Net;
using Reach.Scanning;

namespace Reach.Core.Tests.Scanning;

/// <summary><c>scan --service</c>'s cap per address: admitted up to the cap, the rest handed out in order as ports finish.</summary>
public class ScanServiceHostGateTests
{
    private static readonly IPAddress A = IPAddress.Parse("127.0.0.1");
    private static readonly IPAddress B = IPAddress.Parse("127.0.0.2");

    [Fact]
    public void UpToTheCap_AreAdmitted_TheRestWait_PerAddress()
    {
        var gate = new ScanServiceHostGate<int>(2);

        Assert.True(gate.TryAdmit(A, 1));
        Assert.True(gate.TryAdmit(A, 2));
        Assert.False(gate.TryAdmit(A, 3));
        Assert.False(gate.TryAdmit(A, 4));
        Assert.True(gate.TryAdmit(B, 10)); // another address has its own slots
        Assert.Equal(2, gate.Waiting);
    }

    [Fact]
    public void AReleaseHandsOutTheAddresssNextWaitingItem_InOrder_ThenFreesTheSlot()
    {
        var gate = new ScanServiceHostGate<int>(1);
        gate.TryAdmit(A, 1);
        gate.TryAdmit(A, 2);
        gate.TryAdmit(A, 3);

        Assert.True(gate.TryRelease(A, out var second));
        Assert.Equal(2, second);
        Assert.True(gate.TryRelease(A, out var third));
        Assert.Equal(3, third);
        Assert.Equal(0, gate.Waiting);
        Assert.False(gate.TryRelease(A, out _));
        Assert.True(gate.TryAdmit(A, 4)); // the slot is free again
    }

    [Fact]
    public void ReleasingWhatWasNotAdmitted_IsABug()
    {
        var gate = new ScanServiceHostGate<int>(1);
        gate.TryAdmit(A, 1);
        gate.TryRelease(A, out _);

        Assert.Throws<InvalidOperationException>(() => gate.TryRelease(A, out _));
        Assert.Throws<InvalidOperationException>(() => gate.TryRelease(B, out _));
    }
}
