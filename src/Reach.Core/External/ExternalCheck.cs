using System.Net;

namespace Reach.External;

/// <summary>
/// <c>reach external</c> without the command line: asks the reflector to probe the ports, then judges each one
/// against the NAT analysis and the local listeners.
/// </summary>
public static class ExternalCheck
{
    /// <param name="reflector">The reflector client.</param>
    /// <param name="reflectorUrl">Its URL, for the report.</param>
    /// <param name="ports">Distinct TCP ports, in the order to report them.</param>
    /// <param name="interfaceAddresses">This host's addresses.</param>
    /// <param name="local">Who listens on a port here (<see cref="LocalPortView.Unknown"/> when the table cannot be read).</param>
    /// <param name="watch">Starts watching for the reflector's SYNs on the ports (<see langword="null"/>, or returning it: not watched).</param>
    /// <param name="cancellationToken">Ctrl+C.</param>
    public static async Task<ReflectorOutcome<ExternalReport>> RunAsync(
        ReflectorClient reflector,
        Uri reflectorUrl,
        IReadOnlyList<int> ports,
        IReadOnlyList<IPAddress> interfaceAddresses,
        Func<int, LocalPortView> local,
        Func<IReadOnlyList<int>, ISynWatch?>? watch,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reflector);
        ArgumentNullException.ThrowIfNull(ports);
        ArgumentNullException.ThrowIfNull(local);
        ReflectorOutcome<OutsideCheck> check;
        IReadOnlySet<int>? arrived;
        using (var synWatch = watch?.Invoke(ports))
        {
            check = await reflector.CheckAsync(ports, cancellationToken).ConfigureAwait(false);
            arrived = synWatch?.Finish();
        }

        if (check.Failure is not null)
        {
            return ReflectorOutcome.Failed<ExternalReport>(check.Failure);
        }

        var outside = check.Value!;
        var nat = NatAnalyzer.Analyze(outside.PublicAddress, reflector.LocalEndPoint?.Address, interfaceAddresses);
        var byPort = outside.Results.GroupBy(r => r.Port).ToDictionary(g => g.Key, g => g.First());
        var views = ports.Select(p => (Port: p, View: local(p))).ToList();
        var verdicts = views.Select(v => ExternalVerdictJudge.Judge(v.Port, v.View, nat, byPort.GetValueOrDefault(v.Port), Arrival(arrived, v.Port))).ToList();
        return ReflectorOutcome.Success<ExternalReport>(new ExternalReport(reflectorUrl, nat, views.All(v => v.View.Known), verdicts));
    }

    private static ArrivalEvidence Arrival(IReadOnlySet<int>? arrived, int port) =>
        arrived is null ? ArrivalEvidence.Unknown : arrived.Contains(port) ? ArrivalEvidence.Arrived : ArrivalEvidence.NotArrived;
}
