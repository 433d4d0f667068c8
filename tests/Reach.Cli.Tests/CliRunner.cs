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
    public static async Task<(int ExitCode, string Out, string Error)> RunAsync(Reach.Cli.Commands.SocketSources sockets, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await ReachApp.RunAsync(args, new CliConsole(output, error, OutIsTerminal: false, ErrorIsTerminal: false), sockets);
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

    public static int PortOf(Socket socket) => ((IPEndPoint)socket.LocalEndPoint!).Port;

    /// <summary>A port this test opened and closed again.</summary>
    public static int ClosedPort()
    {
        using var socket = Listen();
        return PortOf(socket);
    }
}
