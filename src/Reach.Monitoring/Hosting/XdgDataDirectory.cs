namespace Reach.Monitoring.Hosting;

/// <summary>
/// The XDG base directories' data folder: $XDG_DATA_HOME/reach, or ~/.local/share/reach when the variable is unset or
/// empty. Linux users other than root, and the Unixes reach has no convention of its own for.
/// </summary>
/// <param name="environmentVariable">Reads an environment variable, when the folder is asked for.</param>
/// <param name="home">The user's home folder, when the folder is asked for.</param>
internal sealed class XdgDataDirectory(Func<string, string?> environmentVariable, Func<string> home) : IDataDirectory
{
    public XdgDataDirectory()
        : this(Environment.GetEnvironmentVariable, static () => Environment.GetFolderPath(Environment.SpecialFolder.UserProfile))
    {
    }

    public string Default()
    {
        var xdg = environmentVariable("XDG_DATA_HOME");
        return string.IsNullOrEmpty(xdg)
            ? Path.Combine(home(), ".local", "share", "reach")
            : Path.Combine(xdg, "reach");
    }
}
