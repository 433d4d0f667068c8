using System.Globalization;
using System.Text.RegularExpressions;
using Reach.Lab.Tests.Lab;
using Reach.Lab.Tests.Sockets;

namespace Reach.Lab.Tests.Identification;

/// <summary>
/// What <c>openssl s_client -connect 127.0.0.1:PORT -servername NAME</c> (optionally <c>-starttls PROTO</c>) saw of
/// the same server reach checks, run in the same namespace: the reference for reach's protocol and cipher.
/// </summary>
/// <param name="Protocol"><c>TLSv1.3</c>, <c>TLSv1.2</c>, as openssl prints it.</param>
/// <param name="Cipher">The IANA name of the cipher suite (openssl's own name translated by <c>openssl ciphers -stdname</c>).</param>
/// <param name="VerifyCode">openssl's <c>Verify return code</c> (0: the chain verified).</param>
public sealed partial record OpenSslClient(string Protocol, string Cipher, int VerifyCode, string VerifyText)
{
    /// <param name="trust">A CA file to verify against (<c>-CAfile</c>); the host name is verified too (<c>-verify_hostname</c>).</param>
    /// <param name="streamHost">With <c>-starttls xmpp</c>: the host named in the stream header (<c>-xmpphost</c>); without it openssl names the address.</param>
    public static async Task<OpenSslClient> ConnectAsync(SocketsNamespace ns, int port, string serverName, string? startTls = null, string? trust = null, string? streamHost = null)
    {
        ArgumentNullException.ThrowIfNull(ns);
        List<string> command = ["openssl", "s_client", "-connect", $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}", "-servername", serverName, "-verify_hostname", serverName];
        if (startTls is not null)
        {
            command.AddRange(["-starttls", startTls]);
        }

        if (trust is not null)
        {
            command.AddRange(["-CAfile", trust]);
        }

        if (streamHost is not null)
        {
            command.AddRange(["-xmpphost", streamHost]);
        }

        // Standard input is closed at once: s_client shakes hands, prints the session and quits.
        var result = await ns.RunAsync(command);
        TestContext.Current.TestOutputHelper?.WriteLine(result.Describe(maxLines: 80));
        var session = NewSession().Match(result.StdOut);
        Assert.True(session.Success, $"s_client completed no handshake:\n{result.Describe()}");
        var verify = VerifyLine().Match(result.StdOut);
        Assert.True(verify.Success, $"no verify result in s_client's output:\n{result.Describe()}");
        return new OpenSslClient(
            session.Groups["protocol"].Value,
            (await StandardNamesAsync()).GetValueOrDefault(session.Groups["cipher"].Value, session.Groups["cipher"].Value),
            int.Parse(verify.Groups["code"].Value, CultureInfo.InvariantCulture),
            verify.Groups["text"].Value);
    }

    /// <summary>openssl's cipher names to IANA's, from <c>openssl ciphers -stdname ALL</c> ("IANA - OPENSSL TLSv1.2 Kx=…").</summary>
    private static async Task<Dictionary<string, string>> StandardNamesAsync()
    {
        var result = await CommandRunner.RunAsync("openssl", ["ciphers", "-stdname", "ALL:@SECLEVEL=0"], TimeSpan.FromSeconds(30));
        Assert.True(result.ExitCode == 0, result.Describe());
        return result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length >= 3 && fields[1] == "-")
            .GroupBy(fields => fields[2])
            .ToDictionary(group => group.Key, group => group.First()[0]);
    }

    [GeneratedRegex(@"^New, (?<protocol>TLSv[\d.]+), Cipher is (?<cipher>\S+)", RegexOptions.Multiline)]
    private static partial Regex NewSession();

    [GeneratedRegex(@"Verify return code: (?<code>\d+) \((?<text>[^)]*)\)")]
    private static partial Regex VerifyLine();
}
