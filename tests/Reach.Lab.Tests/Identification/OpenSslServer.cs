using System.Globalization;

namespace Reach.Lab.Tests.Identification;

/// <summary>
/// <c>openssl s_server</c> on 127.0.0.1:PORT in a test's namespace, serving one leaf of <see cref="TestCertificates"/>:
/// the server for each certificate case, because it sends exactly the chain it is given (<c>-cert_chain</c>, or
/// the leaf alone: an incomplete chain). <c>-www</c> answers each connection with a status page, so it serves any
/// number of handshakes until stopped.
/// </summary>
public static class OpenSslServer
{
    /// <param name="sendIntermediate">Send the intermediate after the leaf (a complete chain); false sends the leaf alone.</param>
    /// <param name="options">More s_server options (<c>-tls1_2</c>; <c>-cipher DEFAULT@SECLEVEL=0</c> to load a 1024-bit key).</param>
    public static async Task<LabServerProcess> StartAsync(string ip, string namespaceName, int port, TestCertificate leaf, string intermediate, bool sendIntermediate = true, params string[] options)
    {
        ArgumentNullException.ThrowIfNull(leaf);
        List<string> command = ["openssl", "s_server", "-accept", $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}", "-cert", leaf.Certificate, "-key", leaf.Key, "-www", "-quiet"];
        if (sendIntermediate && leaf.Chain is not null)
        {
            command.AddRange(["-cert_chain", intermediate]);
        }

        var server = LabServerProcess.Start(ip, namespaceName, $"openssl s_server ({leaf.Name})", [.. command, .. options]);
        try
        {
            await server.WaitForListenersAsync(port);
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }
}
