using Reach.Scanning;

namespace Reach.Core.Tests.Scanning;

/// <summary>
/// --max-inflight from the open-file limit: one socket per probe, a reserve of half the limit and 32 (at most 256) for the
/// process itself; a default fills the rest up to 16,384, an explicit value is lowered to it.
/// </summary>
public class ScanEngineMaxInflightTests
{
    [Theory]
    [InlineData(1024, 768)]          // the usual soft limit: 256 kept in reserve
    [InlineData(4096, 3840)]
    [InlineData(16640, 16384)]       // exactly fills the default cap
    [InlineData(1_048_576, 16384)]   // a large hard limit: the cap
    [InlineData(100, 18)]            // a tiny limit keeps half and 32 in reserve
    [InlineData(128, 32)]
    [InlineData(1, 1)]               // never zero
    public void Default_IsTheOpenFileLimitLessAReserve_CappedAt16384(long openFileLimit, int expected) =>
        Assert.Equal(expected, ScanEngine.MaxInflightFor(0, openFileLimit));

    [Theory]
    [InlineData(4096, 1_048_576, 4096)]  // room enough: as asked
    [InlineData(65536, 1_048_576, 65536)] // above the default cap, when asked for
    [InlineData(4096, 1024, 768)]        // lowered to what the limit leaves
    [InlineData(32, 1024, 32)]
    public void Explicit_IsKept_OrLoweredToTheRoomTheLimitLeaves(int requested, long openFileLimit, int expected) =>
        Assert.Equal(expected, ScanEngine.MaxInflightFor(requested, openFileLimit));

    [Theory]
    [InlineData(0, 1024, 128, 640)]          // scan --service on the usual soft limit: its 128 connections come out of the room
    [InlineData(0, 1_048_576, 128, 16384)]   // a large limit: room enough for both
    [InlineData(4096, 1024, 128, 640)]       // an explicit value is lowered the same way
    [InlineData(0, 100, 128, 1)]             // never zero
    public void ReservedDescriptors_AreLeftToTheCaller(int requested, long openFileLimit, int reserved, int expected) =>
        Assert.Equal(expected, ScanEngine.MaxInflightFor(requested, openFileLimit, reserved));
}
