using System.Net;

namespace Reach.Lab.Tests.Lab.Scan;

/// <summary>A lab target described as data: what it does with a SYN to any of its addresses and ports (the ground truth's source).</summary>
public interface IScanTargetLayout
{
    /// <summary>True when the target owns the address (so <see cref="Expect"/> can tell what it does).</summary>
    bool IsLocal(IPAddress address);

    /// <summary>What the target does with a SYN to <paramref name="address"/>:<paramref name="port"/>.</summary>
    ScanLabExpectation Expect(IPAddress address, int port);
}
