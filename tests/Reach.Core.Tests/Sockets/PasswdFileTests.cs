using Reach.Sockets;

namespace Reach.Core.Tests.Sockets;

public class PasswdFileTests
{
    [Fact]
    public void Parse_MapsUidsToNames_IgnoringBrokenLines_FirstNameWins()
    {
        var names = PasswdFile.Parse("""
            root:x:0:0:root:/root:/bin/bash
            # a comment
            www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin
            toor:x:0:0::/root:/bin/sh
            +::::::
            broken:x:notanumber:0::/:/bin/sh
            """);

        Assert.Equal(new Dictionary<int, string> { [0] = "root", [33] = "www-data" }, names);
    }

    [Fact]
    public void UserNames_UnknownUid_IsTheNumber()
    {
        var users = new UserNames("/nonexistent/passwd");

        Assert.Equal("4711", users.Name(4711));
    }
}
