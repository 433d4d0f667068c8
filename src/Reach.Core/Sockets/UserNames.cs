using System.Globalization;

namespace Reach.Sockets;

/// <summary>Turns uids into user names, reading the passwd file once, and only when a name is first asked for.</summary>
internal sealed class UserNames(string passwdPath = "/etc/passwd")
{
    private Dictionary<int, string>? _names;

    /// <summary>The user's name, or the uid as a number when the passwd file does not name it (LDAP users, containers).</summary>
    public string Name(int uid)
    {
        _names ??= Load(passwdPath);
        return _names.TryGetValue(uid, out var name) ? name : uid.ToString(CultureInfo.InvariantCulture);
    }

    private static Dictionary<int, string> Load(string path)
    {
        try
        {
            return PasswdFile.Parse(File.ReadAllText(path));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
