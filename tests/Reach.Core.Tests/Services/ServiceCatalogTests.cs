using FsCheck;
using FsCheck.Xunit;
using Reach.Services;

namespace Reach.Core.Tests.Services;

public class ServiceCatalogTests
{
    [Theory]
    [InlineData("ssh", 22)]
    [InlineData("SSH", 22)]
    [InlineData("Https", 443)]
    [InlineData("postgresql", 5432)]
    [InlineData("postgres", 5432)]
    [InlineData("POSTGRESQL", 5432)]
    [InlineData("globalcatldap", 3268)]
    [InlineData("GLOBALCATLDAPSSL", 3269)]
    [InlineData("xmlipcregsvc", 9092)]
    [InlineData("  smtp  ", 25)]
    public void TryGetByName_KnownNameInAnyCase_FindsIt(string name, int port)
    {
        Assert.True(ServiceCatalog.TryGetByName(name, out var entry));
        Assert.Equal(port, entry.Port);
    }

    [Theory]
    [InlineData("rdp", "ms-wbt-server", 3389)]
    [InlineData("RDP", "ms-wbt-server", 3389)]
    [InlineData("smb", "microsoft-ds", 445)]
    [InlineData("SMB", "microsoft-ds", 445)]
    [InlineData("winrm", "wsman", 5985)]
    [InlineData("WINRM", "wsman", 5985)]
    [InlineData("http", "http", 80)]
    [InlineData("HTTP", "http", 80)]
    [InlineData("msrpc", "epmap", 135)]
    [InlineData("smtps", "submissions", 465)]
    [InlineData("mssql", "ms-sql-s", 1433)]
    [InlineData("oracle", "ncube-lm", 1521)]
    [InlineData("vnc", "rfb", 5900)]
    [InlineData("kube-apiserver", "sun-sr-https", 6443)]
    [InlineData("elasticsearch", "wap-wsp", 9200)]
    [InlineData("kafka", "XmlIpcRegSvc", 9092)]
    [InlineData("zookeeper", "eforward", 2181)]
    [InlineData("prometheus", "websm", 9090)]
    [InlineData("etcd", "etcd-client", 2379)]
    public void TryGetByName_Alias_FindsTheIanaEntry(string alias, string name, int port)
    {
        Assert.True(ServiceCatalog.TryGetByName(alias, out var entry));
        Assert.Equal(name, entry.Name);
        Assert.Equal(port, entry.Port);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("no-such-service")]
    [InlineData("htps")]
    [InlineData("ssh2")]
    public void TryGetByName_UnknownName_ReturnsFalse(string name)
    {
        Assert.False(ServiceCatalog.TryGetByName(name, out var entry));
        Assert.Null(entry);
    }

    [Fact]
    public void TryGetByName_Null_Throws() =>
        Assert.Throws<ArgumentNullException>(() => ServiceCatalog.TryGetByName(null!, out _));

    [Theory]
    [InlineData(20, "ftp-data")]
    [InlineData(21, "ftp")]
    [InlineData(22, "ssh")]
    [InlineData(23, "telnet")]
    [InlineData(25, "smtp")]
    [InlineData(53, "domain")]
    [InlineData(80, "http")]
    [InlineData(88, "kerberos")]
    [InlineData(110, "pop3")]
    [InlineData(111, "sunrpc")]
    [InlineData(123, "ntp")]
    [InlineData(135, "epmap")]
    [InlineData(139, "netbios-ssn")]
    [InlineData(143, "imap")]
    [InlineData(161, "snmp")]
    [InlineData(389, "ldap")]
    [InlineData(443, "https")]
    [InlineData(445, "microsoft-ds")]
    [InlineData(464, "kpasswd")]
    [InlineData(465, "submissions")]
    [InlineData(587, "submission")]
    [InlineData(636, "ldaps")]
    [InlineData(873, "rsync")]
    [InlineData(993, "imaps")]
    [InlineData(995, "pop3s")]
    [InlineData(1433, "ms-sql-s")]
    [InlineData(1521, "ncube-lm")]
    [InlineData(2049, "nfs")]
    [InlineData(2375, "docker")]
    [InlineData(2376, "docker-s")]
    [InlineData(3260, "iscsi-target")]
    [InlineData(3268, "globalcatLDAP")]
    [InlineData(3269, "globalcatLDAPssl")]
    [InlineData(3306, "mysql")]
    [InlineData(3389, "ms-wbt-server")]
    [InlineData(3690, "svn")]
    [InlineData(5432, "postgresql")]
    [InlineData(5672, "amqp")]
    [InlineData(5900, "rfb")]
    [InlineData(5985, "wsman")]
    [InlineData(5986, "wsmans")]
    [InlineData(6379, "redis")]
    [InlineData(6443, "sun-sr-https")]
    [InlineData(8080, "http-alt")]
    [InlineData(9389, "adws")]
    [InlineData(9418, "git")]
    [InlineData(11211, "memcache")]
    [InlineData(27017, "mongodb")]
    public void FindByPort_KnownPort_ReturnsPrimaryName(int port, string name)
    {
        var entry = ServiceCatalog.FindByPort(port);

        Assert.NotNull(entry);
        Assert.Equal(name, entry.Name);
        Assert.Equal(port, entry.Port);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(65535)]
    [InlineData(65536)]
    [InlineData(-1)]
    public void FindByPort_PortNotInTable_ReturnsNullAndEmpty(int port)
    {
        Assert.Null(ServiceCatalog.FindByPort(port));
        Assert.Empty(ServiceCatalog.FindAllByPort(port));
    }

    [Fact]
    public void FindAllByPort_SharedPort_ReturnsPrimaryFirst()
    {
        var entries = ServiceCatalog.FindAllByPort(3478);

        Assert.Equal(["stun", "turn"], entries.Select(e => e.Name));
        Assert.Same(entries[0], ServiceCatalog.FindByPort(3478));
    }

    [Fact]
    public void FindAllByPort_SinglePort_ReturnsTheOneEntry()
    {
        var entry = Assert.Single(ServiceCatalog.FindAllByPort(22));
        Assert.Equal("ssh", entry.Name);
    }

    [Fact]
    public void FindAllByPort_EveryEntry_IsListedUnderItsPort()
    {
        foreach (var entry in ServiceCatalog.All)
        {
            Assert.Contains(entry, ServiceCatalog.FindAllByPort(entry.Port));
            Assert.NotNull(ServiceCatalog.FindByPort(entry.Port));
        }
    }

    [Theory]
    [InlineData("htps", "https")]
    [InlineData("HTPS", "https")]
    [InlineData("postgre", "postgresql")]
    [InlineData("ssj", "ssh")]
    [InlineData("mysq", "mysql")]
    [InlineData("rdpp", "rdp")]
    [InlineData("kube", "kube-apiserver")]
    [InlineData("elastic", "elasticsearch")]
    public void Suggest_CloseMiss_SuggestsTheIntendedNameFirst(string unknown, string expected)
    {
        var suggestions = ServiceCatalog.Suggest(unknown);

        Assert.NotEmpty(suggestions);
        Assert.Equal(expected, suggestions[0]);
    }

    [Fact]
    public void Suggest_Htps_AlsoOffersHttpWithinTheLimit()
    {
        var suggestions = ServiceCatalog.Suggest("htps");

        Assert.InRange(suggestions.Count, 1, 3);
        Assert.Contains("http", suggestions);
    }

    [Fact]
    public void Suggest_RespectsMax()
    {
        Assert.Single(ServiceCatalog.Suggest("ssj", max: 1));
        Assert.Empty(ServiceCatalog.Suggest("ssj", max: 0));
        Assert.True(ServiceCatalog.Suggest("ssj", max: 10).Count <= 10);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("zzzzzzzzzzzz")]
    [InlineData("qwertyuiop")]
    public void Suggest_NothingClose_ReturnsEmpty(string unknown) =>
        Assert.Empty(ServiceCatalog.Suggest(unknown));

    [Fact]
    public void Suggest_NegativeMax_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ServiceCatalog.Suggest("ssh", -1));

    [Fact]
    public void Suggest_EveryResult_IsAKnownName()
    {
        foreach (var suggestion in ServiceCatalog.Suggest("ftpx", max: 20))
        {
            Assert.True(ServiceCatalog.TryGetByName(suggestion, out _), suggestion);
        }
    }

    [Fact]
    public void All_HasAboutOneHundredEntries() =>
        Assert.InRange(ServiceCatalog.All.Count, 90, 200);

    [Fact]
    public void All_IsSortedByPortThenName()
    {
        var all = ServiceCatalog.All;
        for (var i = 1; i < all.Count; i++)
        {
            var previous = all[i - 1];
            var current = all[i];
            Assert.True(
                previous.Port < current.Port
                || (previous.Port == current.Port && StringComparer.OrdinalIgnoreCase.Compare(previous.Name, current.Name) < 0),
                $"{previous.Name}/{previous.Port} comes before {current.Name}/{current.Port}");
        }
    }

    [Fact]
    public void All_NamesAndAliases_AreUniqueIgnoringCase()
    {
        var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in ServiceCatalog.All)
        {
            foreach (var word in entry.Aliases.Prepend(entry.Name))
            {
                Assert.True(seen.TryAdd(word, entry.Name), $"'{word}' is used by both {seen.GetValueOrDefault(word)} and {entry.Name}");
            }
        }
    }

    [Fact]
    public void All_EveryEntry_IsWellFormed()
    {
        foreach (var entry in ServiceCatalog.All)
        {
            Assert.InRange(entry.Port, 1, 65535);
            Assert.False(string.IsNullOrWhiteSpace(entry.Name));
            Assert.False(string.IsNullOrWhiteSpace(entry.Description), entry.Name);
            Assert.NotNull(entry.Aliases);
            foreach (var word in entry.Aliases.Prepend(entry.Name))
            {
                // Names are what users type on a command line: no spaces, nothing that looks like a port number.
                Assert.Equal(word.Trim(), word);
                Assert.DoesNotContain(' ', word);
                Assert.False(int.TryParse(word, out _), word);
            }
        }
    }

    [Fact]
    public void All_IsReadOnly()
    {
        Assert.False(ServiceCatalog.All is ServiceEntry[]);
        Assert.All(ServiceCatalog.All, e => Assert.False(e.Aliases is string[], e.Name));
    }

    [Theory]
    [InlineData("http")]
    [InlineData("rdp")]
    [InlineData("smb")]
    [InlineData("winrm")]
    public void TestNetConnectionCommonTcpPortWords_AreAllKnown(string word)
    {
        Assert.True(ServiceCatalog.TryGetByName(word.ToUpperInvariant(), out _));
    }

    [Property]
    public bool TryGetByName_AnyCasingOfAnyNameOrAlias_FindsThatEntry(NonNegativeInt pick, int casingSeed)
    {
        var words = ServiceCatalog.All.SelectMany(e => e.Aliases.Prepend(e.Name).Select(w => (Word: w, Entry: e))).ToArray();
        var (word, expected) = words[pick.Get % words.Length];
        var random = new Random(casingSeed);
        var recased = string.Concat(word.Select(c => random.Next(2) == 0 ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c)));

        return ServiceCatalog.TryGetByName(recased, out var found) && ReferenceEquals(found, expected);
    }

    [Property]
    public bool Suggest_NeverReturnsMoreThanMax(NonEmptyString unknown, byte max) =>
        ServiceCatalog.Suggest(unknown.Get, max).Count <= max;
}
