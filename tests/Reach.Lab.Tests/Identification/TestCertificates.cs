using System.Globalization;
using System.Runtime.Versioning;
using Reach.Lab.Tests.Lab;

namespace Reach.Lab.Tests.Identification;

/// <summary>
/// A private PKI made with the <c>openssl</c> CLI in a temp folder for one test class: a root CA, an intermediate
/// signed by it, and one leaf per certificate case, under reserved <c>.test</c> names only. Leaves are issued with
/// <c>openssl ca -startdate/-enddate</c> (OpenSSL 3.0's <c>x509</c> has only <c>-days</c>), so expired and
/// not-yet-valid ones need no fake clock. Files are world-readable: exim reads them after dropping to Debian-exim.
/// </summary>
public sealed class TestCertificates : IAsyncLifetime
{
    /// <summary>The name every leaf but <see cref="WrongName"/> is issued for, and which tests send as SNI.</summary>
    public const string ServerName = "reach.test";

    /// <summary>The names of <see cref="WrongName"/>: not <see cref="ServerName"/>.</summary>
    public const string OtherName = "other.test";

    private const string Config = """
        [ca]
        default_ca = ca_default
        [ca_default]
        database = index.txt
        new_certs_dir = .
        serial = serial
        default_md = sha256
        policy = policy_any
        unique_subject = no
        email_in_dn = no
        copy_extensions = none
        [policy_any]
        organizationName = optional
        commonName = supplied
        [req]
        distinguished_name = dn
        prompt = no
        [dn]
        CN = unused
        [root]
        basicConstraints = critical, CA:true
        keyUsage = critical, keyCertSign, cRLSign
        subjectKeyIdentifier = hash
        [intermediate]
        basicConstraints = critical, CA:true, pathlen:0
        keyUsage = critical, keyCertSign, cRLSign
        subjectKeyIdentifier = hash
        authorityKeyIdentifier = keyid
        [leaf]
        basicConstraints = critical, CA:false
        keyUsage = critical, digitalSignature, keyEncipherment
        extendedKeyUsage = serverAuth
        subjectAltName = DNS:reach.test, IP:127.0.0.1, DNS:www.reach.test, IP:fd00:5eac::1
        [leaf_other]
        basicConstraints = critical, CA:false
        keyUsage = critical, digitalSignature, keyEncipherment
        extendedKeyUsage = serverAuth
        subjectAltName = DNS:other.test
        """;

    private DirectoryInfo? _folder;
    private string? _skipReason;

    public string Folder => _folder?.FullName ?? throw new InvalidOperationException("no certificates");

    /// <summary>The root CA (PEM): what <c>--ca</c> and <c>s_client -CAfile</c> trust.</summary>
    public string RootCa => Path.Join(Folder, "root.pem");

    /// <summary>The intermediate CA (PEM) that signed every leaf but the self-signed one.</summary>
    public string Intermediate => Path.Join(Folder, "intermediate.pem");

    public TestCertificate Valid { get; private set; } = null!;

    public TestCertificate Expired { get; private set; } = null!;

    public TestCertificate NotYetValid { get; private set; } = null!;

    /// <summary>Valid for 5 days and 12 hours from its making: reach counts 5 whole days left.</summary>
    public TestCertificate ExpiresIn5Days { get; private set; } = null!;

    public TestCertificate WrongName { get; private set; } = null!;

    public TestCertificate SelfSigned { get; private set; } = null!;

    public TestCertificate Rsa1024 { get; private set; } = null!;

    public TestCertificate Ecdsa { get; private set; } = null!;

    /// <summary>Skips the test when openssl is missing.</summary>
    public void Require()
    {
        if (_skipReason is not null)
        {
            Assert.Skip(_skipReason);
        }
    }

    public async ValueTask InitializeAsync()
    {
        if (LabTools.Find("openssl") is null || !OperatingSystem.IsLinux())
        {
            _skipReason = "Needs the openssl CLI on Linux: apt-get install -y openssl (test.sh does as root).";
            return;
        }

        _folder = Directory.CreateTempSubdirectory("reach-pki-");
        try
        {
            await CreateAsync();
        }
        catch
        {
            _folder.Delete(recursive: true);
            _folder = null;
            throw;
        }
    }

    public ValueTask DisposeAsync()
    {
        _folder?.Delete(recursive: true);
        return ValueTask.CompletedTask;
    }

    [SupportedOSPlatform("linux")]
    private async Task CreateAsync()
    {
        _folder!.UnixFileMode = (UnixFileMode)Convert.ToInt32("755", 8);
        await File.WriteAllTextAsync(Path.Join(Folder, "ca.cnf"), Config);
        await File.WriteAllTextAsync(Path.Join(Folder, "index.txt"), string.Empty);
        await File.WriteAllTextAsync(Path.Join(Folder, "serial"), "1000\n");

        var now = DateTimeOffset.UtcNow;
        await OpenSslAsync("req", "-x509", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", "root.key", "-out", "root.pem",
            "-subj", "/O=Reach Lab/CN=Reach Test Root CA", "-days", "30", "-config", "ca.cnf", "-extensions", "root");
        await KeyAndRequestAsync("intermediate", "rsa:2048", "/O=Reach Lab/CN=Reach Test Intermediate CA");
        await OpenSslAsync("ca", "-batch", "-config", "ca.cnf", "-cert", "root.pem", "-keyfile", "root.key", "-in", "intermediate.csr",
            "-out", "intermediate.pem", "-notext", "-extensions", "intermediate", "-startdate", Date(now.AddDays(-1)), "-enddate", Date(now.AddDays(30)));

        Valid = await LeafAsync("valid", now.AddHours(-1), now.AddDays(30));
        Expired = await LeafAsync("expired", now.AddDays(-60), now.AddDays(-30));
        NotYetValid = await LeafAsync("not-yet-valid", now.AddDays(30), now.AddDays(60));
        ExpiresIn5Days = await LeafAsync("expires-in-5-days", now.AddHours(-1), now.AddDays(5).AddHours(12));
        WrongName = await LeafAsync("wrong-name", now.AddHours(-1), now.AddDays(30), name: OtherName, extensions: "leaf_other");
        Rsa1024 = await LeafAsync("rsa1024", now.AddHours(-1), now.AddDays(30), key: "rsa:1024");
        Ecdsa = await LeafAsync("ecdsa", now.AddHours(-1), now.AddDays(30), key: "ec", keyOptions: ["-pkeyopt", "ec_paramgen_curve:P-256"]);

        await OpenSslAsync("req", "-x509", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", "self-signed.key", "-out", "self-signed.pem",
            "-subj", $"/O=Reach Lab/CN={ServerName}", "-days", "30", "-config", "ca.cnf", "-extensions", "leaf");
        SelfSigned = new TestCertificate("self-signed", Path.Join(Folder, "self-signed.pem"), Path.Join(Folder, "self-signed.key"), null);

        foreach (var file in Directory.EnumerateFiles(Folder))
        {
            File.SetUnixFileMode(file, (UnixFileMode)Convert.ToInt32("644", 8));
        }
    }

    private async Task<TestCertificate> LeafAsync(string file, DateTimeOffset notBefore, DateTimeOffset notAfter, string name = ServerName,
        string extensions = "leaf", string key = "rsa:2048", string[]? keyOptions = null)
    {
        await KeyAndRequestAsync(file, key, $"/O=Reach Lab/CN={name}", keyOptions ?? []);
        await OpenSslAsync("ca", "-batch", "-config", "ca.cnf", "-cert", "intermediate.pem", "-keyfile", "intermediate.key", "-in", $"{file}.csr",
            "-out", $"{file}.pem", "-notext", "-extensions", extensions, "-startdate", Date(notBefore), "-enddate", Date(notAfter));

        // The leaf, then the intermediate: what a server configured with one chain file (nginx, exim, dovecot) sends.
        var chain = Path.Join(Folder, $"{file}-chain.pem");
        await File.WriteAllTextAsync(chain, await File.ReadAllTextAsync(Path.Join(Folder, $"{file}.pem")) + await File.ReadAllTextAsync(Intermediate));
        return new TestCertificate(file, Path.Join(Folder, $"{file}.pem"), Path.Join(Folder, $"{file}.key"), chain);
    }

    private Task KeyAndRequestAsync(string file, string key, string subject, params string[] keyOptions) =>
        OpenSslAsync(["req", "-new", "-newkey", key, .. keyOptions, "-nodes", "-keyout", $"{file}.key", "-out", $"{file}.csr", "-subj", subject, "-config", "ca.cnf"]);

    private async Task OpenSslAsync(params string[] arguments)
    {
        // openssl ca reads its database relative to the working folder: run it there.
        var result = await CommandRunner.RunAsync("sh", ["-c", "cd \"$0\" && exec openssl \"$@\"", Folder, .. arguments], TimeSpan.FromSeconds(60));
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"openssl failed:\n{result.Describe()}");
        }
    }

    /// <summary>The time format <c>openssl ca -startdate/-enddate</c> reads (GeneralizedTime, UTC).</summary>
    private static string Date(DateTimeOffset time) => time.UtcDateTime.ToString("yyyyMMddHHmmss'Z'", CultureInfo.InvariantCulture);
}

/// <summary>One leaf of <see cref="TestCertificates"/>: its PEM, its key, and the leaf + intermediate chain file (null when self-signed).</summary>
public sealed record TestCertificate(string Name, string Certificate, string Key, string? Chain);
