using System.Globalization;
using System.Net;
using System.Text.Json;
using Reach.Lab.Tests.Cli;
using Reach.Lab.Tests.Lab.Scan;

namespace Reach.Lab.Tests.Scan;

/// <summary>What <c>reach scan --down</c> and <c>--fail-on-closed</c> must report, computed from a ground truth.</summary>
internal static class ScanLabReports
{
    /// <summary>The ports of <paramref name="address"/> that are not open, ascending.</summary>
    public static IReadOnlyList<int> Missing(ScanGroundTruth truth, IPAddress address) =>
        [.. truth.Ports.Where(p => truth.Expected[new ScanEndPoint(address, p)].State != ScanLabExpectation.Open)];

    /// <summary>The hosts --down reports: those with a port that is not open, in address order.</summary>
    public static IReadOnlyList<IPAddress> DownHosts(ScanGroundTruth truth) =>
        [.. truth.Addresses.Where(a => Missing(truth, a).Count > 0)];

    /// <summary>
    /// The host records are exactly the hosts that miss a port, in address order, each "down" when nothing answered
    /// and "up" otherwise, with exactly the ports that are not open.
    /// </summary>
    public static void AssertDownHosts(ScanGroundTruth truth, IReadOnlyList<JsonElement> records)
    {
        Assert.Equal(DownHosts(truth), records.Select(r => r.Address("address")));
        foreach (var record in records)
        {
            var address = record.Address("address");
            var where = record.GetRawText();
            Assert.True(record.Text("state") == (truth.HostsDown.Contains(address) ? "down" : "up"), $"state of {where}");
            Assert.True(
                Missing(truth, address).SequenceEqual(record.Items("missing").Select(p => p.GetInt32())),
                $"expected missing [{string.Join(',', Missing(truth, address))}] in {where}");
        }
    }

    /// <summary>"23 filtered (no-response), 1080 closed (conn-refused)": the ports of a host that are not open, as --fail-on-closed names them.</summary>
    public static string NotOpen(ScanGroundTruth truth, IPAddress address) =>
        string.Join(", ", Missing(truth, address).Select(p =>
        {
            var expected = truth.Expected[new ScanEndPoint(address, p)];
            return string.Create(CultureInfo.InvariantCulture, $"{p} {expected.State} ({expected.Reason})");
        }));
}
