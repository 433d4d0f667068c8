using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Reach.Lab.Tests.Cli;
using Reach.Lab.Tests.Identification;
using Reach.Lab.Tests.Sockets;

namespace Reach.Lab.Tests.Watch;

/// <summary>
/// The real <c>reach watch</c> run in a test's namespace (<c>ip netns exec</c>) with the test's reach.yaml, its API on
/// that namespace's 127.0.0.1:<see cref="ApiPort"/>, read through sockets made there. Disposing kills it and
/// deletes its folder (config and history).
/// </summary>
internal sealed class NamespaceWatch : IDisposable
{
    /// <summary>Where the API listens, inside the namespace (nothing else listens there).</summary>
    public const int ApiPort = 9105;

    /// <summary>Every wait is bounded by this: a loaded machine starts the JIT-run reach slowly; not a speed check.</summary>
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(30);

    private readonly DirectoryInfo _folder;
    private readonly LabServerProcess _process;
    private readonly HttpClient _http;

    private NamespaceWatch(DirectoryInfo folder, LabServerProcess process, HttpClient http)
    {
        _folder = folder;
        _process = process;
        _http = http;
    }

    /// <summary>What reach watch wrote so far.</summary>
    public string Log => _process.Output;

    /// <summary>Writes <paramref name="yaml"/> to a reach.yaml of its own and starts <c>reach watch</c> on it in <paramref name="ns"/>.</summary>
    public static async Task<NamespaceWatch> StartAsync(string ip, SocketsNamespace ns, string yaml)
    {
        var folder = Directory.CreateTempSubdirectory("reach-watch-lab-");
        var config = Path.Join(folder.FullName, "reach.yaml");
        await File.WriteAllTextAsync(config, yaml, TestContext.Current.CancellationToken);
        TestContext.Current.TestOutputHelper?.WriteLine($"reach.yaml:\n{yaml}");
        string[] arguments = ["watch", "-c", config, "--data", Path.Join(folder.FullName, "data"), "--listen", $"127.0.0.1:{ApiPort}"];
        var process = LabServerProcess.Start(ip, ns.Name, "reach watch", ReachCli.CommandLine(arguments));
        var watch = new NamespaceWatch(folder, process, NamespaceHttpClient.Create(ns.Name));
        try
        {
            await watch.WaitForLogAsync($"HTTP on http://127.0.0.1:{ApiPort}/");
            await watch.WaitForRunningAsync();
            return watch;
        }
        catch
        {
            watch.Dispose();
            throw;
        }
    }

    /// <summary>GET a path of the API (its body; a failure status fails the test).</summary>
    public async Task<string> GetAsync(string path)
    {
        using var response = await _http.GetAsync(new Uri($"http://127.0.0.1:{ApiPort}{path}"), TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode}\n{body}");
        return body;
    }

    /// <summary>The target <paramref name="id"/> (check/host:port) as <c>/api/checks</c> shows it; null while it is not listed.</summary>
    public async Task<JsonElement?> TargetAsync(string id)
    {
        using var list = JsonDocument.Parse(await GetAsync("/api/checks"));
        foreach (var target in list.RootElement.EnumerateArray())
        {
            if (target.Text("id") == id)
            {
                return target.Clone();
            }
        }

        return null;
    }

    /// <summary>
    /// Polls <c>/api/checks</c> until target <paramref name="id"/> is in <paramref name="state"/> (up, down) with a
    /// last result starting with <paramref name="lastResult"/>, and returns it; fails after 30 s with what it last was.
    /// </summary>
    public async Task<JsonElement> WaitForTargetAsync(string id, string state, string lastResult)
    {
        var clock = Stopwatch.StartNew();
        JsonElement? seen = null;
        while (clock.Elapsed < WaitLimit)
        {
            seen = await TargetAsync(id);
            if (seen is { } target && target.Text("state") == state && target.Text("last_result")?.StartsWith(lastResult, StringComparison.Ordinal) == true)
            {
                TestContext.Current.TestOutputHelper?.WriteLine($"{id} after {clock.ElapsedMilliseconds} ms: {target.GetRawText()}");
                return target;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.Fail($"waited {WaitLimit.TotalSeconds} s for {id} {state} with {lastResult}; last seen: {seen?.GetRawText() ?? "not listed"}\nreach watch wrote:\n{Log}");
        return default;
    }

    public void Dispose()
    {
        _http.Dispose();
        _process.Dispose();
        _folder.Delete(recursive: true);
    }

    /// <summary>
    /// Waits for <c>/healthz</c> to say ok: the HTTP server listens before the engine has opened its store, and until
    /// then <c>/api/checks</c> fails (500, "no such table: targets").
    /// </summary>
    private async Task WaitForRunningAsync()
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            using (var response = await _http.GetAsync(new Uri($"http://127.0.0.1:{ApiPort}/healthz"), TestContext.Current.CancellationToken))
            {
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }

            Assert.True(clock.Elapsed < WaitLimit, $"waited {WaitLimit.TotalSeconds} s for /healthz to say ok; reach watch wrote:\n{Log}");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    private async Task WaitForLogAsync(string fragment)
    {
        var clock = Stopwatch.StartNew();
        while (!Log.Contains(fragment, StringComparison.Ordinal))
        {
            Assert.True(clock.Elapsed < WaitLimit, $"waited {WaitLimit.TotalSeconds} s for '{fragment}'; reach watch wrote:\n{Log}");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}
