using System.Net;
using System.Net.Sockets;
using Reach.Cli.Infrastructure;

namespace Reach.Cli.Tests;

/// <summary>Runs the reach command line in-process with captured, non-terminal output.</summary>
internal static class CliRunner
{
    public static Task<(int ExitCode, string Out, string Error)> RunAsync(params string[] args) =>
        RunAsync(Reach.Cli.Commands.SocketSources.System, args);

    /// <summary>Runs with a fake socket table and interface addresses (reach sockets, reach who).</summary>
    public static Task<(int ExitCode, string Out, string Error)> RunAsync(Reach.Cli.Commands.SocketSources sockets, params string[] args) =>
        RunAsync(sockets, TimeProvider.System, args);

    /// <summary>Runs with a fake clock (what commands print over time).</summary>
    public static Task<(int ExitCode, string Out, string Error)> RunAsync(TimeProvider clock, params string[] args) =>
        RunAsync(Reach.Cli.Commands.SocketSources.System, clock, args);

    private static async Task<(int ExitCode, string Out, string Error)> RunAsync(Reach.Cli.Commands.SocketSources sockets, TimeProvider clock, string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await ReachApp.RunAsync(args, new CliConsole(output, error, OutIsTerminal: false, ErrorIsTerminal: false), sockets, clock);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>A loopback listener this test owns (the only kind of port tests in the root namespace connect to).</summary>
    public static Socket Listen(IPAddress? address = null)
    {
        address ??= IPAddress.Loopback;
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(address, 0));
        socket.Listen(64);
        return socket;
    }

    /// <summary>A loopback listener this test owns that greets every connection with <paramref name="greeting"/> (a banner).</summary>
    public static Socket ListenGreeting(byte[] greeting)
    {
        var listener = Listen();
        _ = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    using var client = await listener.AcceptAsync();
                    try
                    {
                        await client.SendAsync(greeting, SocketFlags.None);
                    }
                    catch (SocketException)
                    {
                        // This client reset first (a scan's probe closes with an RST): greet the next one.
                    }
                }
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                // The test disposed the listener, or the client left first.
            }
        });
        return listener;
    }

    /// <summary>A loopback HTTP listener this test owns: reads each request's head, answers <paramref name="answer"/>, closes.</summary>
    public static Socket ListenHttp(string answer)
    {
        var listener = Listen();
        _ = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    using var client = await listener.AcceptAsync();
                    var head = new List<byte>();
                    var one = new byte[1];
                    while (head.Count < 16 * 1024 && !(head.Count >= 4 && head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n'))
                    {
                        if (await client.ReceiveAsync(one, SocketFlags.None) == 0)
                        {
                            break;
                        }

                        head.Add(one[0]);
                    }

                    await client.SendAsync(System.Text.Encoding.Latin1.GetBytes(answer), SocketFlags.None);
                    client.Shutdown(SocketShutdown.Both);
                }
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                // The test disposed the listener, or the client left first.
            }
        });
        return listener;
    }

    /// <summary>A loopback listener this test owns that reads each client's request and answers <paramref name="reply"/> (an HTTP server, say).</summary>
    public static Socket ListenAnswering(byte[] reply)
    {
        var listener = Listen();
        _ = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    var client = await listener.AcceptAsync();
                    _ = Task.Run(async () =>
                    {
                        using (client)
                        {
                            try
                            {
                                _ = await client.ReceiveAsync(new byte[4096], SocketFlags.None);
                                await client.SendAsync(reply, SocketFlags.None);
                            }
                            catch (SocketException)
                            {
                                // The client left first.
                            }
                        }
                    });
                }
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                // The test disposed the listener.
            }
        });
        return listener;
    }

    /// <summary>
    /// A loopback TLS listener this test owns, presenting a self-signed certificate for 127.0.0.1 (made here, valid
    /// for <paramref name="days"/> more days).
    /// </summary>
    /// <param name="days">Whole days of validity left.</param>
    /// <param name="certificatePem">A file to write the certificate to (PEM), to be trusted with <c>--ca</c>; null: none.</param>
    public static Socket ListenTls(int days = 60, string? certificatePem = null)
    {
        using var key = System.Security.Cryptography.RSA.Create(2048);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest(
            "CN=reach-cli-test", key, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        var san = new System.Security.Cryptography.X509Certificates.SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(days).AddHours(1));
        if (certificatePem is not null)
        {
            File.WriteAllText(certificatePem, certificate.ExportCertificatePem());
        }

        var listener = Listen();
        _ = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    var client = await listener.AcceptAsync();
                    _ = Task.Run(async () =>
                    {
                        try
                        {
                            await using var ssl = new System.Net.Security.SslStream(new NetworkStream(client, ownsSocket: true));
                            await ssl.AuthenticateAsServerAsync(certificate);
                            _ = await ssl.ReadAsync(new byte[1]);
                        }
                        catch (Exception ex) when (ex is IOException or System.Security.Authentication.AuthenticationException or SocketException)
                        {
                            // The client left, or refused the certificate.
                        }
                    });
                }
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                // The test disposed the listener.
            }
        });
        return listener;
    }

    /// <summary>
    /// <paramref name="count"/> ports this test listens on at every one of <paramref name="addresses"/> (the same port
    /// numbers on each), so a scan of those addresses × ports connects only to listeners of this test.
    /// </summary>
    public static (List<Socket> Sockets, int[] Ports) ListenOnEvery(IPAddress[] addresses, int count)
    {
        var sockets = new List<Socket>();
        var ports = new List<int>();
        for (var attempt = 0; ports.Count < count && attempt < 50; attempt++)
        {
            var first = Listen(addresses[0]);
            var port = PortOf(first);
            var bound = new List<Socket> { first };
            try
            {
                foreach (var address in addresses.Skip(1))
                {
                    var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                    bound.Add(socket);
                    socket.Bind(new IPEndPoint(address, port));
                    socket.Listen(64);
                }

                sockets.AddRange(bound);
                ports.Add(port);
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
            {
                bound.ForEach(s => s.Dispose()); // that port is taken on another address: try another one
            }
        }

        Assert.Equal(count, ports.Count);
        return (sockets, [.. ports]);
    }

    public static int PortOf(Socket socket) => ((IPEndPoint)socket.LocalEndPoint!).Port;

    /// <summary>A port this test opened and closed again.</summary>
    public static int ClosedPort()
    {
        using var socket = Listen();
        return PortOf(socket);
    }
}
