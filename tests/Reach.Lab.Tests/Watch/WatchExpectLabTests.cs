using System.Net;
using System.Net.Sockets;
using System.Text;
using Reach.Lab.Tests.Cli;
using Reach.Lab.Tests.Identification;
using Reach.Lab.Tests.Lab;
using Reach.Lab.Tests.Sockets;

namespace Reach.Lab.Tests.Watch;

/// <summary>
/// <c>reach watch</c> with <c>expect</c> checks against Debian's real redis-server and OpenSSH server in a namespace
/// of this class's own (<c>rl-PID-we</c>). What the watch says it heard is compared with what a plain socket of the
/// test, made in the same namespace, hears from the same server.
/// </summary>
public sealed class WatchExpectLabTests(LabFixture lab)
{
    private const int RedisPort = 6379;
    private const int SshPort = 7022;

    [Fact]
    public async Task ExpectCheck_RedisAnswersPingWithPong_IsUp_AnsweredPong()
    {
        lab.RequireLab();
        if (RedisServer.Binary is null)
        {
            Assert.Skip("Needs Debian's redis-server: apt-get install -y redis-server (test.sh does as root).");
        }

        await using var ns = await SocketsNamespace.CreateAsync(lab.IpPath, suffix: "we");
        using var redis = RedisServer.Start(lab.IpPath, ns.Name, RedisPort);
        await redis.WaitForListenersAsync(RedisPort);
        var heard = await AskAsync(ns, RedisPort, "PING\r\n");
        using var watch = await NamespaceWatch.StartAsync(lab.IpPath, ns, $"""
            interval: 1s
            down_after: 1
            up_after: 1
            checks:
              - name: cache
                type: expect
                targets: ["127.0.0.1:{RedisPort}"]
                send: "PING\r\n"
                expect: "+PONG"
            """);

        var cache = await watch.WaitForTargetAsync($"cache/127.0.0.1:{RedisPort}", "up", "open (syn-ack)");

        Assert.Equal("+PONG\r\n", heard); // what redis says to PING, to a client of the test's own
        Assert.Equal("+PONG", cache.Text("answered"));
        Assert.Equal("+PONG", cache.Prop("answer").Text("excerpt"));
        Assert.Equal(Encoding.UTF8.GetByteCount(heard), cache.Prop("answer").WholeNumber("bytes"));
        Assert.Null(cache.Text("last_error"));
        Assert.Null(cache.Text("tls"));
    }

    [Fact]
    public async Task ExpectCheck_SshdGreetsWithItsVersionNot220_IsDownNoMatch_SayingWhatItSaid()
    {
        lab.RequireLab();
        if (SshServer.Binary is null)
        {
            Assert.Skip("Needs Debian's openssh-server: apt-get install -y openssh-server (test.sh does as root).");
        }

        await using var ns = await SocketsNamespace.CreateAsync(lab.IpPath, suffix: "we");
        using var sshd = await SshServer.StartAsync(lab.IpPath, ns.Name, SshPort);
        await ServiceIdentificationLabTests.WaitForListenerAsync(ns, SshPort);
        var greeting = (await AskAsync(ns, SshPort, send: null)).TrimEnd('\r', '\n');
        using var watch = await NamespaceWatch.StartAsync(lab.IpPath, ns, $"""
            interval: 1s
            down_after: 1
            up_after: 1
            checks:
              - name: mail
                type: expect
                targets: ["127.0.0.1:{SshPort}"]
                expect: "220"
            """);

        var mail = await watch.WaitForTargetAsync($"mail/127.0.0.1:{SshPort}", "down", "no-match (syn-ack)");

        Assert.StartsWith("SSH-2.0-OpenSSH_", greeting, StringComparison.Ordinal);
        var error = mail.Text("last_error");
        Assert.StartsWith("no-match (syn-ack): no \"220\" within ", error, StringComparison.Ordinal);
        Assert.EndsWith($"; it said: {greeting}", error, StringComparison.Ordinal);
        Assert.Contains("SSH-2.0", error, StringComparison.Ordinal);
        Assert.Equal(greeting, mail.Text("answered"));
    }

    /// <summary>
    /// What the server says, to a socket of the test's own made in the namespace: after <paramref name="send"/>
    /// (or at once), its first line.
    /// </summary>
    private static async Task<string> AskAsync(SocketsNamespace ns, int port, string? send)
    {
        using var socket = NetworkNamespace.CreateTcpSocket(ns.Name, AddressFamily.InterNetwork);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(10));
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), deadline.Token);
        if (send is not null)
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(send), SocketFlags.None, deadline.Token);
        }

        var answer = new StringBuilder();
        var buffer = new byte[1024];
        while (!answer.ToString().Contains('\n', StringComparison.Ordinal))
        {
            var read = await socket.ReceiveAsync(buffer, SocketFlags.None, deadline.Token);
            Assert.True(read > 0, $"127.0.0.1:{port} closed after saying \"{answer}\"");
            answer.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }

        return answer.ToString();
    }
}
