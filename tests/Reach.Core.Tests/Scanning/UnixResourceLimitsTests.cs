using System.Runtime.Versioning;
using Reach.Core.Tests.TestSupport;
using Reach.Scanning;

namespace Reach.Core.Tests.Scanning;

/// <summary>
/// The scanner raises the soft open-file limit to the hard one (no privileges needed) and sizes its default
/// <c>--max-inflight</c> from the result. These tests lower this process's soft limit first, as <c>ulimit -S -n</c>
/// would, and restore it afterwards. They run alone (<see cref="OpenFileLimitTests"/>): a lowered limit would
/// make other tests' sockets fail meanwhile.
/// </summary>
[SupportedOSPlatform("linux")] // each test skips itself elsewhere
[Collection(OpenFileLimitTests.Name)]
public class UnixResourceLimitsTests
{
    private const ulong Lowered = 1024;

    [Fact]
    public void RaiseOpenFileLimit_LoweredSoftLimit_IsRaisedToTheHardLimit()
    {
        var hard = LowerSoftLimitOrSkip(out var original);
        try
        {
            var inForce = UnixResourceLimits.ForLinux().RaiseOpenFileLimit();

            Assert.Equal((long)hard, inForce);
            Assert.Equal(hard, OpenFileLimit.Read().Soft);
        }
        finally
        {
            OpenFileLimit.SetSoft(original);
        }
    }

    [Fact]
    public void ResolveMaxInflight_Default_ComesFromTheRaisedLimit()
    {
        var hard = LowerSoftLimitOrSkip(out var original);
        try
        {
            var inflight = ScanEngine.ResolveMaxInflight(new ScanOptions());

            // From the lowered soft limit it would be 1024 - 256 = 768.
            Assert.Equal(ScanEngine.MaxInflightFor(0, (long)hard), inflight);
            Assert.True(inflight > 768, $"{inflight} probes in flight: the soft limit was not raised");
        }
        finally
        {
            OpenFileLimit.SetSoft(original);
        }
    }

    private static ulong LowerSoftLimitOrSkip(out ulong original)
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "setrlimit(RLIMIT_NOFILE) as on Linux");
        (original, var hard) = OpenFileLimit.Read();
        Assert.SkipWhen(hard <= 2 * Lowered, $"the hard open-file limit ({hard}) leaves nothing to raise to");
        Assert.SkipWhen((ulong)OpenFileLimit.OpenDescriptors() > Lowered / 2, "this process has too many files open to lower its limit safely");
        OpenFileLimit.SetSoft(Lowered);
        Assert.Equal(Lowered, OpenFileLimit.Read().Soft);
        return hard;
    }
}

/// <summary>The collection of tests that change this process's open-file limit: never in parallel with any other test.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class OpenFileLimitTests
{
    public const string Name = "open-file limit";
}
