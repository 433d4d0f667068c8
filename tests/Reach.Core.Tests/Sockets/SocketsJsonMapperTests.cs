using System.Text.Json;
using Reach.Output;
using Reach.Sockets;
using static Reach.Core.Tests.TestSupport.SocketRowsBuilder;

namespace Reach.Core.Tests.Sockets;

public class SocketsJsonMapperTests
{
    [Fact]
    public void Document_HasTheDocumentedShape()
    {
        var snapshot = Snapshot(
            Tcp("[::]:22", pid: 7, name: "sshd", v6Only: false),
            Tcp("10.0.0.5:44004", "203.0.113.9:443", TcpSocketState.TimeWait, pid: null),
            Udp("127.0.0.1:323", name: "chronyd"));
        var views = SocketQuery.Run(snapshot, new SocketFilter(), Exposures());

        var json = JsonSerializer.Serialize(SocketsJsonMapper.ToJson(snapshot, views), ReachJsonContext.Default.SocketsDocumentJson);
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;

        Assert.Equal(1, root.GetProperty("schema_version").GetInt32());
        Assert.Equal("test", root.GetProperty("source").GetString());
        Assert.False(root.GetProperty("owners_incomplete").GetBoolean());
        var sockets = root.GetProperty("sockets").EnumerateArray().ToList();
        Assert.Equal(3, sockets.Count);

        var ssh = sockets[0];
        Assert.Equal("tcp", ssh.GetProperty("proto").GetString());
        Assert.Equal("::", ssh.GetProperty("local_address").GetString());
        Assert.Equal(22, ssh.GetProperty("local_port").GetInt32());
        Assert.Equal("::", ssh.GetProperty("remote_address").GetString());
        Assert.Equal(0, ssh.GetProperty("remote_port").GetInt32());
        Assert.Equal("listen", ssh.GetProperty("state").GetString());
        Assert.Equal(7, ssh.GetProperty("pid").GetInt32());
        Assert.Equal("sshd", ssh.GetProperty("process").GetString());
        Assert.Equal("/usr/bin/sshd", ssh.GetProperty("exe").GetString());
        Assert.Equal("sshd --serve", ssh.GetProperty("command_line").GetString());
        Assert.Equal("root", ssh.GetProperty("user").GetString());
        var exposure = ssh.GetProperty("exposure");
        Assert.Equal("any", exposure.GetProperty("class").GetString());
        Assert.Equal("public", exposure.GetProperty("reach").GetString());
        Assert.True(exposure.GetProperty("ipv4").GetBoolean());
        Assert.False(exposure.GetProperty("ipv4_guessed").GetBoolean());
        Assert.Contains(exposure.GetProperty("covers").EnumerateArray(), c => c.GetProperty("address").GetString() == "10.0.0.5" && c.GetProperty("class").GetString() == "private");

        var timeWait = sockets[1];
        Assert.Equal("time-wait", timeWait.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, timeWait.GetProperty("pid").ValueKind);
        Assert.Equal(JsonValueKind.Null, timeWait.GetProperty("exe").ValueKind);
        Assert.Equal(JsonValueKind.Null, timeWait.GetProperty("command_line").ValueKind);
        Assert.Equal("private", timeWait.GetProperty("exposure").GetProperty("class").GetString());

        Assert.Equal(JsonValueKind.Null, sockets[2].GetProperty("state").ValueKind);
        Assert.Equal("loopback", sockets[2].GetProperty("exposure").GetProperty("reach").GetString());
    }

    [Fact]
    public void StreamWriter_WritesTheSameBytesAsTheDocument()
    {
        var entries = Enumerable.Range(0, 3000)
            .Select(i => Tcp($"10.0.0.5:{40000 + (i % 20000)}", $"203.0.113.9:{443 + (i % 7)}", TcpSocketState.Established, pid: i, name: $"p{i % 13}"))
            .Append(Tcp("[::]:22", name: "sshd", v6Only: null))
            .Append(Udp("0.0.0.0:53"))
            .ToArray();
        var snapshot = new SocketSnapshot(entries, "test \"quoted\"", OwnersIncomplete: true);
        var views = SocketQuery.Run(snapshot, new SocketFilter(), Exposures());
        using var stream = new MemoryStream();

        SocketsJsonStreamWriter.Write(stream, snapshot, views);

        Assert.Equal(
            JsonSerializer.Serialize(SocketsJsonMapper.ToJson(snapshot, views), ReachJsonContext.Default.SocketsDocumentJson),
            System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }
}
