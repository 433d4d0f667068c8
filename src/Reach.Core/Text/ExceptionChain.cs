namespace Reach.Text;

/// <summary>Walks an exception and its inner exceptions: the error's kind is often two layers down (a socket's reset under an IOException).</summary>
internal static class ExceptionChain
{
    /// <summary>The first exception of type <typeparamref name="T"/> in the chain, the exception itself included.</summary>
    public static T? Find<T>(Exception exception)
        where T : Exception
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is T found)
            {
                return found;
            }
        }

        return null;
    }
}
