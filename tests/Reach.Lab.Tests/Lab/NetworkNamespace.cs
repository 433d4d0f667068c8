using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;

namespace Reach.Lab.Tests.Lab;

/// <summary>
/// Runs code with a thread switched into a named network namespace (<c>/var/run/netns/NAME</c>).
/// A socket belongs to the namespace it was created in, whichever thread uses it later: create sockets with
/// <see cref="Run{T}"/>, then use them anywhere (accept, connect, async I/O).
/// </summary>
public static partial class NetworkNamespace
{
    private const int OpenReadOnly = 0;
    private const int OpenCloseOnExec = 0x80000;
    private const int CloneNewNet = 0x40000000;

    /// <summary>Runs <paramref name="action"/> on a fresh thread inside the namespace; the thread ends afterwards.</summary>
    public static T Run<T>(string name, Func<T> action)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(action);

        T? result = default;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                Enter(name);
                result = action();
            }
#pragma warning disable CA1031 // Anything the action throws is rethrown on the caller's thread.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                failure = ExceptionDispatchInfo.Capture(ex);
            }
        })
        {
            IsBackground = true,
            Name = $"netns {name}",
        };

        thread.Start();
        if (!thread.Join(TimeSpan.FromSeconds(30)))
        {
            throw new TimeoutException($"Code inside network namespace {name} did not finish within 30 s.");
        }

        failure?.Throw();
        return result!;
    }

    /// <summary>Moves the calling thread into the namespace. Only for threads that end soon after (see <see cref="Run{T}"/>).</summary>
    private static void Enter(string name)
    {
        var path = $"/var/run/netns/{name}";
        var fd = Open(path, OpenReadOnly | OpenCloseOnExec);
        if (fd < 0)
        {
            throw new InvalidOperationException($"open({path}) failed: errno {Marshal.GetLastPInvokeError()}");
        }

        try
        {
            if (SetNs(fd, CloneNewNet) != 0)
            {
                throw new InvalidOperationException($"setns({path}, CLONE_NEWNET) failed: errno {Marshal.GetLastPInvokeError()}");
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "setns", SetLastError = true)]
    private static partial int SetNs(int fd, int nsType);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
