using System.Text.Json;
using Reach.External;
using Reach.Output;

namespace Reach.Core.Tests.External;

/// <summary><c>reach external --json</c> byte for byte: indented by two, snake_case, nulls written, the default escaping.</summary>
public class ExternalReportJsonBytesTests
{
    [Fact]
    public void Report_IsIndented_WithEveryField()
    {
        var report = new ExternalReportJson(
            1, "http://203.0.113.1:9106/", "203.0.113.7", null, NatKind.Nat, "behind NAT: 192.168.1.2 -> 203.0.113.7", false, true, false,
            [
                new ExternalPortJson(
                    8080, "tcp", false, ExternalVerdictKind.NotForwarded, LocalExposure.Listens,
                    [new ExternalListenerJson("nginx", 42, "0.0.0.0", 8080, "all")],
                    new ExternalOutsideJson("filtered", "no-response", null, "no answer"),
                    ArrivalEvidence.NotArrived, "not forwarded", null, "the router's \"port forward\" is missing"),
            ]);

        var json = JsonSerializer.Serialize(report, ReachJsonContext.Default.ExternalReportJson);

        Assert.Equal(
            """
            {
              "schema_version": 1,
              "reflector": "http://203.0.113.1:9106/",
              "public_address": "203.0.113.7",
              "local_address": null,
              "nat": "nat",
              "nat_explanation": "behind NAT: 192.168.1.2 -\u003E 203.0.113.7",
              "reflector_is_private": false,
              "local_known": true,
              "reachable": false,
              "ports": [
                {
                  "port": 8080,
                  "proto": "tcp",
                  "reachable": false,
                  "verdict": "not-forwarded",
                  "local": "listens",
                  "listeners": [
                    {
                      "process": "nginx",
                      "pid": 42,
                      "address": "0.0.0.0",
                      "port": 8080,
                      "exposure": "all"
                    }
                  ],
                  "outside": {
                    "state": "filtered",
                    "reason": "no-response",
                    "rtt_ms": null,
                    "explanation": "no answer"
                  },
                  "arrival": "not-arrived",
                  "summary": "not forwarded",
                  "next_step": null,
                  "explanation": "the router\u0027s \u0022port forward\u0022 is missing"
                }
              ]
            }
            """.ReplaceLineEndings("\n"),
            json.ReplaceLineEndings("\n"));
    }
}
