using Reach.Cli.Infrastructure;

namespace Reach.Cli.Tests.Infrastructure;

/// <summary>Which `reach check` command lines need the full image, the one that carries .NET's HTTP stack.</summary>
public sealed class FullImageHttpTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("reach-fullimage-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("check", "https://www.reach.test/health")]
    [InlineData("check", "HTTP://www.reach.test")]
    [InlineData("check", "web01", "80", "--http")]
    [InlineData("check", "web01", "80", "--http", "/ready")]
    [InlineData("check", "web01", "80", "--status=2xx")]
    [InlineData("check", "web01", "80", "--follow")]
    public void AskingHttp_NeedsTheFullImage(params string[] args)
    {
        Assert.True(FullImage.CheckAsksHttp(args));
    }

    [Theory]
    [InlineData("check", "web01", "443", "--tls")]
    [InlineData("check", "web01", "80", "--no-banner")]
    [InlineData("check", "-i", "/dev/stdin")] // a pipe is never read twice
    [InlineData("check", "-i", "/nonexistent-reach/targets.txt")]
    public void NotAskingHttp_StaysInTheQuickImage(params string[] args)
    {
        Assert.False(FullImage.CheckAsksHttp(args));
    }

    [Fact]
    public void TargetFile_WithAUrl_NeedsTheFullImage_WithoutOne_DoesNot()
    {
        var withUrl = Path.Join(_folder, "with.txt");
        var without = Path.Join(_folder, "without.txt");
        File.WriteAllText(withUrl, "db01 5432\nhttps://www.reach.test/health\n");
        File.WriteAllText(without, "db01 5432\nweb01:443\n");

        Assert.True(FullImage.CheckAsksHttp(["check", "-i", withUrl]));
        Assert.True(FullImage.CheckAsksHttp(["check", $"--input-file={withUrl}"]));
        Assert.False(FullImage.CheckAsksHttp(["check", "-i", without]));
    }
}
