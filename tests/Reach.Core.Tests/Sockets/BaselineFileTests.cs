using Reach.Sockets;
using Reach.Sockets.Baseline;
using static Reach.Core.Tests.TestSupport.SocketRowsBuilder;

namespace Reach.Core.Tests.Sockets;

public sealed class BaselineFileTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"reach-baseline-{Guid.NewGuid():N}.json");

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void WrittenBaseline_ReadsBackTheSame()
    {
        var views = SocketQuery.Run(Snapshot(Tcp("[::]:22", name: "sshd", v6Only: false), Udp("127.0.0.1:323", name: "chronyd")), new SocketFilter(), Exposures());
        var document = BaselineDocument.Create(views, "host", DateTimeOffset.UnixEpoch);

        Assert.True(BaselineFile.TryWrite(_path, document, out var writeError), writeError);
        Assert.True(BaselineFile.TryRead(_path, out var read, out var readError), readError);

        Assert.Equal(document.Listeners, read.Listeners);
        Assert.Contains("\"kind\": \"reach-sockets-baseline\"", File.ReadAllText(_path), StringComparison.Ordinal);
        Assert.Contains("\"reach\": \"public\"", File.ReadAllText(_path), StringComparison.Ordinal);
    }

    [Fact]
    public void MissingFile_IsOneLineNamingIt()
    {
        Assert.False(BaselineFile.TryRead(_path, out _, out var error));
        Assert.Equal($"cannot read baseline '{_path}': no such file", error);
    }

    [Theory]
    [InlineData("{ not json", "invalid JSON")]
    [InlineData("[]", "invalid JSON")]
    [InlineData("{\"schema_version\":1,\"sockets\":[]}", "no \"kind\"")]
    [InlineData("{\"schema_version\":2,\"kind\":\"reach-sockets-baseline\",\"listeners\":[]}", "schema_version 2")]
    [InlineData("{\"schema_version\":1,\"kind\":\"reach-sockets-baseline\",\"listeners\":[{\"proto\":\"sctp\",\"port\":1,\"address\":\"::\",\"exposure\":\"any\"}]}", "listener 1")]
    [InlineData("{\"schema_version\":1,\"kind\":\"reach-sockets-baseline\",\"listeners\":[{\"proto\":\"tcp\",\"port\":1,\"address\":\"nope\",\"exposure\":\"any\"}]}", "listener 1")]
    public void CorruptFile_IsOneLineNamingIt(string text, string expected)
    {
        File.WriteAllText(_path, text);

        Assert.False(BaselineFile.TryRead(_path, out _, out var error));
        Assert.StartsWith($"'{_path}' is not a reach baseline: ", error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error);
    }

    [Fact]
    public void HandWrittenAddresses_AreNormalized()
    {
        File.WriteAllText(_path, "{\"schema_version\":1,\"kind\":\"reach-sockets-baseline\",\"listeners\":[{\"proto\":\"tcp\",\"process\":\"x\",\"port\":80,\"address\":\"0:0:0:0:0:0:0:0\",\"exposure\":\"any\",\"reach\":\"public\"}]}");

        Assert.True(BaselineFile.TryRead(_path, out var document, out _));
        Assert.Equal("::", Assert.Single(document.Listeners).Address);
    }

    [Theory]
    [InlineData("fe80::50%lo", "fe80::50%lo")] // as reach writes it now
    [InlineData("fe80::50%1", "fe80::50%lo")] // as reach wrote it before: the index (lo is 1 in every namespace)
    [InlineData("fe80::50%nosuchif0", "fe80::50%nosuchif0")] // an interface that is gone: as recorded
    public void LinkLocalAddresses_ReadBackWithTheZoneAsReachWritesItNow(string recorded, string expected)
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "zones are interface names on Linux");
        File.WriteAllText(_path, "{\"schema_version\":1,\"kind\":\"reach-sockets-baseline\",\"listeners\":[{\"proto\":\"udp\",\"process\":\"x\",\"port\":546,\"address\":\"" + recorded + "\",\"exposure\":\"link-local\",\"reach\":\"link-local\"}]}");

        Assert.True(BaselineFile.TryRead(_path, out var document, out var error), error);
        Assert.Equal(expected, Assert.Single(document.Listeners).Address);
    }
}
