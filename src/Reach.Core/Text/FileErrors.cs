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
            _ => exception.Message,
        };
    }
}
