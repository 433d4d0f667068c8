using System.Globalization;
using Reach.Lab.Tests.Cli;
using Reach.Lab.Tests.Lab;

namespace Reach.Lab.Tests.Sockets;

/// <summary>
/// Runs the real reach (<see cref="ReachCli.Binary"/>) as user nobody inside a <see cref="SocketsNamespace"/>, the
/// way the trace and external labs run it unprivileged: setpriv with uid and gid 65534 and no supplementary groups
/// (changing every uid away from 0 drops root's capabilities too), HOME=/tmp.
/// </summary>
internal sealed class UnprivilegedReach
{
    public const int Nobody = 65534;

    private static readonly string NobodyText = Nobody.ToString(CultureInfo.InvariantCulture);

    private readonly SocketsNamespace _namespace;
    private readonly string _setpriv;

    private UnprivilegedReach(SocketsNamespace ns, string setpriv)
    {
        _namespace = ns;
        _setpriv = setpriv;
    }

    /// <summary>Finds setpriv and checks that what it starts really runs as nobody and may read reach.</summary>
    public static async Task<UnprivilegedReach> PrepareAsync(SocketsNamespace ns)
    {
        ArgumentNullException.ThrowIfNull(ns);
        var setpriv = LabTools.Find("setpriv");
        if (setpriv is null)
        {
            Assert.Skip("This test runs reach as nobody with setpriv: apt-get install -y util-linux.");
        }

        var reach = new UnprivilegedReach(ns, setpriv);
        var identity = await ns.RunAsync(reach.AsNobody("id", "-u"));
        Assert.True(identity.ExitCode == 0 && identity.StdOut.Trim() == NobodyText, identity.Describe());
        var readable = await ns.RunAsync(reach.AsNobody("test", "-r", ReachCli.Binary));
        Assert.True(readable.ExitCode == 0, $"nobody cannot read {ReachCli.Binary}: run the tests from a folder everyone may read\n{readable.Describe()}");
        return reach;
    }

    /// <summary>Runs <c>reach ARGUMENTS</c> as nobody in the namespace and logs it to the test output.</summary>
    public async Task<ReachRun> RunAsync(params string[] arguments)
    {
        var result = await _namespace.RunAsync(AsNobody([.. ReachCli.CommandLine(arguments)]));
        TestContext.Current.TestOutputHelper?.WriteLine(result.Describe(maxLines: 200));
        return new ReachRun(result);
    }

    private string[] AsNobody(params string[] command) =>
        [_setpriv, $"--reuid={NobodyText}", $"--regid={NobodyText}", "--clear-groups", "env", "HOME=/tmp", "DOTNET_CLI_TELEMETRY_OPTOUT=1", .. command];
}
