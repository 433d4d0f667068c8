using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Reach.Sockets;

/// <summary>
/// Windows: a process's name and executable path from its PID, for one socket-table read.
/// </summary>
/// <remarks>
/// Names come from one process snapshot (readable for every process, privileged or not); paths from
/// QueryFullProcessImageNameW with PROCESS_QUERY_LIMITED_INFORMATION, which more processes grant than the
/// PROCESS_QUERY_INFORMATION + VM_READ that Process.MainModule needs. The user stays unknown: LookupAccountSid may
/// ask a domain controller, and a socket listing must send nothing. The command line would need another process's
/// PEB; it stays unknown too.
/// </remarks>
[SupportedOSPlatform("windows")]
internal sealed unsafe partial class WindowsProcessReader
{
    private const uint ProcessQueryLimitedInformation = 0x1000;

    // Extended-length paths go up to 32,767 characters.
    private const int MaxPath = 32_768;

    private readonly Dictionary<int, string> names = Snapshot();
    private char[]? pathBuffer;

    /// <summary>The process, or <see langword="null"/> when neither its name nor its path can be read (it has exited).</summary>
    public ProcessOwner? Read(int pid)
    {
        names.TryGetValue(pid, out var name);
        var path = ImagePath(pid);
        name ??= path is null ? null : Path.GetFileNameWithoutExtension(path);
        return name is null && path is null ? null : new ProcessOwner(pid, name, path, null, null);
    }

    private static Dictionary<int, string> Snapshot()
    {
        var names = new Dictionary<int, string>();
        foreach (var process in Process.GetProcesses())
        {
            using (process)
            {
                try
                {
                    names[process.Id] = process.ProcessName;
                }
                catch (InvalidOperationException)
                {
                    // Exited while we looked.
                }
            }
        }

        return names;
    }

    private string? ImagePath(int pid)
    {
        var handle = OpenProcess(ProcessQueryLimitedInformation, 0, (uint)pid);
        if (handle == 0)
        {
            return null; // Access denied (a protected process) or gone.
        }

        try
        {
            pathBuffer ??= new char[MaxPath];
            fixed (char* buffer = pathBuffer)
            {
                var length = (uint)pathBuffer.Length;
                return QueryFullProcessImageNameW(handle, 0, buffer, &length) != 0 ? new string(buffer, 0, (int)length) : null;
            }
        }
        finally
        {
            _ = CloseHandle(handle);
        }
    }

    [LibraryImport("kernel32.dll")]
    private static partial nint OpenProcess(uint desiredAccess, int inheritHandle, uint processId);

    [LibraryImport("kernel32.dll")]
    private static partial int QueryFullProcessImageNameW(nint process, uint flags, char* exeName, uint* size);

    [LibraryImport("kernel32.dll")]
    private static partial int CloseHandle(nint handle);
}
