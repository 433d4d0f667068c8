namespace Reach.Lab.Tests.Cli;

/// <summary>The CLI the lab tests run is there; no lab needed.</summary>
public sealed class ReachBinaryTests
{
    [Fact]
    public void ReachBinary_IsBesideTheTests_OrGivenByReachBin()
    {
        var binary = ReachCli.Binary;

        Assert.True(File.Exists(binary), $"{binary} is missing: build the solution, or set {ReachCli.BinVariable} to a published reach");
        if (binary.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            var runtimeConfig = Path.ChangeExtension(binary, ".runtimeconfig.json");
            Assert.True(File.Exists(runtimeConfig), $"{runtimeConfig} is missing: `dotnet reach.dll` cannot start without it");
        }
    }
}
