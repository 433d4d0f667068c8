using System.Runtime.Versioning;

namespace Reach.Cli.Infrastructure;

/// <summary>
/// Unix: .NET's console stream ignores EPIPE, so `reach scan 10.0.0.0/8 --list | head` would write 16 million lines
/// into a closed pipe; write to descriptor 1 directly so a closed reader is an IOException (see
/// <see cref="ReachApp"/>). Redirected output is buffered: flushed at exit and by outputs that are followed live
/// (ping, trace). A terminal gets the console's writer.
/// </summary>
[UnsupportedOSPlatform("windows")]
internal sealed class UnixStandardOutput : IStandardOutput
{
    public TextWriter Open()
    {
        if (!Console.IsOutputRedirected)
        {
            return Console.Out;
        }

        Stream stream = new FileStream(new Microsoft.Win32.SafeHandles.SafeFileHandle(1, ownsHandle: false), FileAccess.Write, bufferSize: 0);
        if (stream.CanSeek)
        {
            // A regular file (`> log`, `>> log`, /dev/null): FileStream writes there with pwrite at its own offset,
            // starting at 0, and would overwrite what the shell wrote before it; the console stream writes at the
            // descriptor's own offset. Only pipes need the EPIPE behaviour.
            stream.Dispose();
            stream = Console.OpenStandardOutput();
        }

        // Buffered (one write per 16 KB, not one per line: `scan 10.0.0.0/8 --list > file` is 16 million lines).
        return new StreamWriter(stream, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 16384) { AutoFlush = false };
    }
}
