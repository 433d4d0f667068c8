using System.Net;
using System.Text;
using Reach.External;
using Reach.Sockets;

namespace Reach.Core.Tests.External;

public class ExternalCheckTests
{
    private static readonly Uri Base = new("http://203.0.113.7:9106/");

    [Fact]
    public async Task JoinsTheOutsideAnswer_TheLocalView_AndTheArrivalEvidence_PerPortInTheOrderAsked()
    {
        const string answer = """
            {"ip":"203.0.113.7","results":[
              {"port":8082,"state":"filtered","reason":"no-response"},
              {"port":8080,"state":"open","reason":"syn-ack","rtt_ms":0.5}]}
            """;
        using var client = new ReflectorClient(Base, TimeSpan.FromSeconds(5), new Canned(answer));
        var watch = new FakeWatch([8082]);
        var listener = new LocalListener("nginx", 7, IPEndPoint.Parse("0.0.0.0:8080"), new ExposureCalculator([IPAddress.Parse("192.168.1.10")], false).Evaluate(IPAddress.Any, null));
        var asked = new List<int>();

        var outcome = await ExternalCheck.RunAsync(
            client,
            Base,
            [8080, 8082, 9000],
            [IPAddress.Loopback, IPAddress.Parse("192.168.1.10")],
            port => port == 9000 ? new LocalPortView(true, []) : new LocalPortView(true, [listener with { Bind = new IPEndPoint(IPAddress.Any, port) }]),
            ports =>
            {
                asked.AddRange(ports);
                return watch;
            },
            TestContext.Current.CancellationToken);

        var report = outcome.Value!;
        Assert.Equal([8080, 8082, 9000], asked);
        Assert.True(watch.Finished);
        Assert.True(watch.Disposed);
        Assert.Equal(NatKind.Nat, report.Nat.Kind);
        Assert.Equal("192.168.1.10", report.Nat.LocalAddress!.ToString());
        Assert.Equal([8080, 8082, 9000], report.Verdicts.Select(v => v.Port));
        Assert.Equal([ExternalVerdictKind.Reachable, ExternalVerdictKind.HostFirewall, ExternalVerdictKind.NotChecked], report.Verdicts.Select(v => v.Kind));
        Assert.Equal([ArrivalEvidence.NotArrived, ArrivalEvidence.Arrived, ArrivalEvidence.NotArrived], report.Verdicts.Select(v => v.Arrival));
        Assert.False(report.Reachable);
        Assert.True(report.LocalKnown);
    }

    [Fact]
    public async Task WithoutAWatch_ArrivalIsUnknown_AndAFailedCheckIsTheFailure()
    {
        using var failing = new ReflectorClient(Base, TimeSpan.FromSeconds(5), new Canned("""{"error":"bad ports"}""", HttpStatusCode.BadRequest));
        var watch = new FakeWatch([]);

        var failed = await ExternalCheck.RunAsync(failing, Base, [80], [], _ => LocalPortView.Unknown, _ => watch, TestContext.Current.CancellationToken);

        Assert.Equal(ReflectorFailureKind.HttpError, failed.Failure!.Kind);
        Assert.True(watch.Disposed);

        using var client = new ReflectorClient(Base, TimeSpan.FromSeconds(5), new Canned("""{"ip":"203.0.113.7","results":[{"port":80,"state":"open","reason":"syn-ack"}]}"""));
        var report = (await ExternalCheck.RunAsync(client, Base, [80], [], _ => LocalPortView.Unknown, null, TestContext.Current.CancellationToken)).Value!;

        Assert.Equal(ArrivalEvidence.Unknown, Assert.Single(report.Verdicts).Arrival);
        Assert.False(report.LocalKnown);
        Assert.True(report.Reachable);
    }

    private sealed class FakeWatch(IEnumerable<int> arrived) : ISynWatch
    {
        public bool Finished { get; private set; }

        public bool Disposed { get; private set; }

        public IReadOnlySet<int> Finish()
        {
            Finished = true;
            return new HashSet<int>(arrived);
        }

        public void Dispose() => Disposed = true;
    }

    private sealed class Canned(string body, HttpStatusCode status = HttpStatusCode.OK) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
    }
}
