using System.Diagnostics;

namespace Reach.Monitoring.Tests.TestSupport;

/// <summary>Runs a short reach command (REACH_BIN, or reach.dll beside the tests) to its end.</summary>
public static class ReachProcess
{
    public static Task<(int Code, string Out, string Error)> RunAsync(params string[] args) =>
        RunAsync(new Dictionary<string, string>(), args);

    /// <param name="environment">Variables set for the child only (the tests' own environment is never touched).</param>
    public static async Task<(int Code, string Out, string Error)> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var bin = Environment.GetEnvironmentVariable("REACH_BIN");
        var info = bin is { Length: > 0 } && !bin.EndsWith(".dll", StringComparison.Ordinal)
            ? new ProcessStartInfo(bin)
            : new ProcessStartInfo("dotnet") { ArgumentList = { bin is { Length: > 0 } ? bin : Path.Combine(AppContext.BaseDirectory, "reach.dll") } };
        foreach (var argument in args)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        using var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start reach");
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var output = process.StandardOutput.ReadToEndAsync(deadline.Token);
        var error = process.StandardError.ReadToEndAsync(deadline.Token);
        await process.WaitForExitAsync(deadline.Token);
        return (process.ExitCode, await output, await error);
    }
}
