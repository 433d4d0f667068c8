using Reach.Lab.Tests.Cli;
using Reach.Lab.Tests.Lab;

namespace Reach.Lab.Tests.Native;

/// <summary>
/// reach published with NativeAOT, once per test run (it takes minutes), into a folder of its own (its own obj/bin
/// through --artifacts-path, so the solution's build outputs are not touched).
/// </summary>
public sealed class PublishedReach : IAsyncLifetime
{
    public const string StaticSqlite = "/usr/lib/x86_64-linux-gnu/libsqlite3.a";

    public string Work { get; } = Directory.CreateTempSubdirectory("reach-native-").FullName;

    /// <summary>The published folder: reach and whatever the publish put beside it.</summary>
    public string Folder => Path.Combine(Work, "publish");

    public string Binary => Path.Combine(Folder, "reach");

    /// <summary>Why the tests cannot run here, or null.</summary>
    public string? Unavailable { get; private set; }

    public async ValueTask InitializeAsync()
    {
        if (!OperatingSystem.IsLinux() || System.Runtime.InteropServices.RuntimeInformation.OSArchitecture != System.Runtime.InteropServices.Architecture.X64)
        {
            Unavailable = "the NativeAOT publish here is linux-x64";
            return;
        }

        if (!File.Exists(StaticSqlite))
        {
            Unavailable = $"{StaticSqlite} is missing (test.sh installs libsqlite3-dev as root)";
            return;
        }

        var run = await CommandRunner.RunAsync(
            ReachCli.DotnetHost(),
            ["publish", Path.Combine(RepositoryRoot(), "src", "Reach.Cli", "Reach.Cli.csproj"), "-c", "Release", "-r", "linux-x64",
             "-o", Folder, "--artifacts-path", Path.Combine(Work, "artifacts"), "-nologo"],
            TimeSpan.FromMinutes(20));
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish failed:\n{run.Describe(maxLines: 80)}");
        }
    }

    public ValueTask DisposeAsync()
    {
        try
        {
            Directory.Delete(Work, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open: the temp folder is left for the OS to clear.
        }

        return ValueTask.CompletedTask;
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Reach.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"no Reach.sln above {AppContext.BaseDirectory}");
    }
}
