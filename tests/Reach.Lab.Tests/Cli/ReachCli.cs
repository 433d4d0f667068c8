using Reach.Lab.Tests.Lab;

namespace Reach.Lab.Tests.Cli;

/// <summary>
/// Runs the real reach CLI inside the lab's client namespace. By default <c>dotnet reach.dll</c> from the test output
/// folder (the test project references src/Reach.Cli, so reach.dll and reach.runtimeconfig.json are copied there);
/// set <c>REACH_BIN</c> to a published binary (or another reach.dll) to test that instead.
/// </summary>
public static class ReachCli
{
    public const string BinVariable = "REACH_BIN";

    /// <summary>What reach runs as: the published binary from REACH_BIN, or reach.dll beside the tests.</summary>
    public static string Binary =>
        Environment.GetEnvironmentVariable(BinVariable) is { Length: > 0 } bin
            ? Path.GetFullPath(bin)
            : Path.Combine(AppContext.BaseDirectory, "reach.dll");

    /// <summary>The command line that starts reach with <paramref name="arguments"/>.</summary>
    public static IReadOnlyList<string> CommandLine(IEnumerable<string> arguments)
    {
        var binary = Binary;
        return binary.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
            ? [DotnetHost(), binary, .. arguments]
            : [binary, .. arguments];
    }

    /// <summary>Runs <c>reach ARGUMENTS</c> in the client namespace and logs what it did to the test output.</summary>
    public static Task<ReachRun> RunAsync(LabFixture lab, params string[] arguments) =>
        RunAsync(lab, TimeSpan.FromSeconds(60), arguments);

    /// <summary>
    /// Runs <c>reach ARGUMENTS</c> in the client namespace, killed after <paramref name="timeout"/>, and logs what it
    /// did to the test output (long outputs cut to their first and last lines).
    /// </summary>
    public static async Task<ReachRun> RunAsync(LabFixture lab, TimeSpan timeout, params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(lab);
        var result = await lab.RunInClientAsync(
            CommandLine(arguments),
            timeout,
            TestContext.Current.CancellationToken);
        TestContext.Current.TestOutputHelper?.WriteLine(result.Describe(maxLines: 200));
        return new ReachRun(result);
    }

    /// <summary>The dotnet host running these tests (its runtime folder is shared/Microsoft.NETCore.App/VERSION/).</summary>
    internal static string DotnetHost()
    {
        var runtime = System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory();
        var host = Path.GetFullPath(Path.Combine(runtime, "..", "..", "..", "dotnet"));
        return File.Exists(host) ? host : LabTools.Find("dotnet") ?? "dotnet";
    }
}
