namespace Reach.Text;

/// <summary>
/// Plain words for why a file could not be read. The trimmed CLI (UseSystemResourceKeys) carries resource keys such
/// as "IO_FileNotFound_FileName" instead of the runtime's messages, so the usual cases are named here.
/// </summary>
public static class FileErrors
{
    public static string Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            FileNotFoundException => "no such file",
            DirectoryNotFoundException => "no such directory",
            UnauthorizedAccessException => "permission denied",
            PathTooLongException => "the path is too long",
            ArgumentException => "the file name is not valid", // an empty name, a NUL in it
            _ => Printable.OneLine(exception.Message),
        };
    }

    /// <summary>
    /// As <see cref="Describe(Exception)"/>, knowing the path: a directory is "it is a directory" (on Unix opening one
    /// fails as access denied), an empty name "the file name is empty".
    /// </summary>
    public static string Describe(Exception exception, string? path)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (string.IsNullOrEmpty(path))
        {
            return "the file name is empty";
        }

        return exception is (UnauthorizedAccessException or IOException) && Directory.Exists(path)
            ? "it is a directory"
            : Describe(exception);
    }
}
