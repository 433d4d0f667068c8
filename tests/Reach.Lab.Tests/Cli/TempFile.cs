namespace Reach.Lab.Tests.Cli;

/// <summary>A temporary file with the given text, deleted on dispose (the client namespace shares the file system).</summary>
public sealed class TempFile : IDisposable
{
    public TempFile(string contents)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"reach-lab-{Guid.NewGuid():N}.txt");
        File.WriteAllText(Path, contents);
    }

    public string Path { get; }

    public void Dispose() => File.Delete(Path);
}
