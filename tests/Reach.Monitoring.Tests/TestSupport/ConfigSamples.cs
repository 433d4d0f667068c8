namespace Reach.Monitoring.Tests.TestSupport;

/// <summary>Configuration texts shared by the tests: the issue's example first of all.</summary>
public static class ConfigSamples
{
    /// <summary>The example of issue 6, as written there: it must load.</summary>
    public const string IssueExample = """
        interval: 2s
        timeout: 1s
        down_after: 2      # consecutive failures before DOWN
        up_after: 1        # consecutive successes before UP
        checks:
          - name: web
            targets: [10.0.0.5, "db01:5432"]
            ports: [80, https]
          - name: dcs
            targets_file: servers.txt
            profile: ad-dc
        alerts:
          - webhook: http://127.0.0.1:9999/hook
        """;

    public const string ServersTxt = """
        # domain controllers
        dc01
        10.0.0.10
        10.0.0.11   # the new one
        """;
}
