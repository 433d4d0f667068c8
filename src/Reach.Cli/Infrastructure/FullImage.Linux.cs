using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Microsoft.Win32.SafeHandles;
using Reach.Hosting;

namespace Reach.Cli.Infrastructure;

/// <summary>
/// Linux: the full image is copied from the end of /proc/self/exe into an anonymous memory file (memfd_create)
/// and executed from there (fexecve). Nothing is written to disk, so a read-only or noexec /tmp does not matter. The
/// copy is the price: about 25 ms at each start of watch, report, serve or external, and the image's 32 MB stay in
/// memory while the process runs (docs/benchmarks.md).
/// </summary>
internal static partial class FullImage
{
    private const uint MemfdCloexec = 1;
    private const int PrSetName = 15;
    private const int EAcces = 13;

    /// <summary>
    /// Replaces this process with the full image, run with <paramref name="args"/>. Returns only when that
    /// fails, after one line on <paramref name="error"/>, with exit code 69.
    /// </summary>
    [SupportedOSPlatform("linux")]
    public static int Exec(string[] args, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(error);
        var self = Environment.ProcessPath ?? "/proc/self/exe";
        try
        {
            using var binary = File.OpenHandle("/proc/self/exe");
            var image = Locate(binary) ?? throw new IOException($"{self} carries no full image (a binary from an incomplete build?)");
            using var memory = CopyToMemoryFile(binary, image.Offset, image.Length);

            // argv[0] is the path users run reach by: the image reads it back (ReachExecutable) to name itself in a
            // systemd unit, since its own /proc/self/exe is the memory file.
            var argv = ToNative([self, .. args]);
            var envp = ToNative(Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>().Select(e => $"{e.Key}={e.Value}").ToArray());
            Fexecve((int)memory.DangerousGetHandle(), argv, envp);
            var refused = Marshal.GetLastPInvokeError() == EAcces ? " (memory files may not be executed here: vm.memfd_noexec is 2)" : string.Empty;
            throw new IOException($"fexecve: {Marshal.GetLastPInvokeErrorMessage()}{refused}");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"reach: cannot start the full image ({string.Join(", ", Commands)} run from an image inside the reach binary): {ex.Message}");
            return ExitCodes.Unavailable;
        }
    }

    /// <summary>
    /// In the full image started by <see cref="Exec"/>: takes the launcher's place. The name "reach" (ps, pgrep,
    /// the socket table), which the kernel set to the memory file's "memfd:reach"; and the binary's folder as the base
    /// directory, which the runtime, knowing no executable path, leaves empty (ASP.NET Core's content root refuses
    /// it). Elsewhere it does nothing.
    /// </summary>
    public static void AdoptTheLauncher()
    {
        if (Embedded || !ReachExecutable.RunsFromMemory)
        {
            return;
        }

        _ = Prctl(PrSetName, "reach", 0, 0, 0);
        var folder = Path.GetDirectoryName(ReachExecutable.Path) ?? Environment.CurrentDirectory;
        AppContext.SetData("APP_CONTEXT_BASE_DIRECTORY", Path.EndsInDirectorySeparator(folder) ? folder : folder + Path.DirectorySeparatorChar);
    }

    private static (long Offset, long Length)? Locate(SafeFileHandle binary)
    {
        var length = RandomAccess.GetLength(binary);
        if (length <= EmbeddedImageTrailer.Length)
        {
            return null;
        }

        Span<byte> trailer = stackalloc byte[EmbeddedImageTrailer.Length];
        return RandomAccess.Read(binary, trailer, length - EmbeddedImageTrailer.Length) == trailer.Length
            ? EmbeddedImageTrailer.Read(trailer, length)
            : null;
    }

    [SupportedOSPlatform("linux")]
    private static SafeFileHandle CopyToMemoryFile(SafeFileHandle binary, long offset, long length)
    {
        var fd = MemfdCreate("reach", MemfdCloexec);
        if (fd < 0)
        {
            throw new IOException($"memfd_create: {Marshal.GetLastPInvokeErrorMessage()}");
        }

        var memory = new SafeFileHandle(fd, ownsHandle: true);
        var source = offset;
        var left = length;
        while (left > 0)
        {
            var sent = SendFile(fd, (int)binary.DangerousGetHandle(), ref source, (nuint)Math.Min(left, 1L << 30));
            if (sent <= 0)
            {
                memory.Dispose();
                throw new IOException($"sendfile: {(sent < 0 ? Marshal.GetLastPInvokeErrorMessage() : "the binary ended early")}");
            }

            left -= sent;
        }

        return memory;
    }

    /// <summary>A NULL-terminated array of UTF-8 strings; never freed (the process is replaced, or about to exit).</summary>
    private static nint[] ToNative(string[] strings) => [.. strings.Select(Marshal.StringToCoTaskMemUTF8), 0];

    [LibraryImport("libc", EntryPoint = "memfd_create", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int MemfdCreate(string name, uint flags);

    [LibraryImport("libc", EntryPoint = "sendfile", SetLastError = true)]
    private static partial nint SendFile(int outFd, int inFd, ref long offset, nuint count);

    [LibraryImport("libc", EntryPoint = "fexecve", SetLastError = true)]
    private static partial int Fexecve(int fd, nint[] argv, nint[] envp);

    [LibraryImport("libc", EntryPoint = "prctl", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Prctl(int option, string name, nuint arg3, nuint arg4, nuint arg5);
}
