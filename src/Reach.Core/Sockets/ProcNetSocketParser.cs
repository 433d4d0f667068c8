using System.Buffers.Binary;
using System.Globalization;
using System.Net;

namespace Reach.Sockets;

/// <summary>
/// Decodes Linux's /proc/net/{tcp,tcp6,udp,udp6}, the fallback when netlink sock_diag is unavailable. Pure text
/// decoding, tested on every OS. The text cannot tell IPV6_V6ONLY, so <see cref="SocketRow.V6Only"/> stays null.
/// </summary>
/// <remarks>
/// A line that does not decode is an error, not a skipped row: the kernel writes these files itself, so a bad line
/// means a changed format or a broken read, and silently dropping a listener would hide exactly what users look for.
/// </remarks>
internal static class ProcNetSocketParser
{
    private const int LocalField = 1;
    private const int RemoteField = 2;
    private const int StateField = 3;
    private const int UidField = 7;
    private const int InodeField = 9;
    private const int FieldCount = 10;

    /// <summary>Parses one file's text; <paramref name="fileName"/> names it in errors.</summary>
    /// <exception cref="SocketTableException">A line does not decode; the message names the file, line and field.</exception>
    public static void Parse(ReadOnlySpan<char> text, SocketProtocol protocol, string fileName, ICollection<SocketRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        Span<Range> fields = stackalloc Range[FieldCount + 1];
        var lineNumber = 0;
        foreach (var line in text.EnumerateLines())
        {
            lineNumber++;
            var count = line.Split(fields, ' ', StringSplitOptions.RemoveEmptyEntries);
            if (count == 0 || line[fields[0]] is "sl")
            {
                continue; // the header, or an empty last line
            }

            if (count < FieldCount)
            {
                throw Bad(fileName, lineNumber, $"{count} fields, expected at least {FieldCount}");
            }

            var local = ParseEndPoint(line[fields[LocalField]], fileName, lineNumber, "local address");
            var remote = ParseEndPoint(line[fields[RemoteField]], fileName, lineNumber, "remote address");
            if (local.AddressFamily != remote.AddressFamily)
            {
                throw Bad(fileName, lineNumber, "local and remote addresses of different families");
            }

            var state = ParseNumber(line[fields[StateField]], NumberStyles.AllowHexSpecifier, fileName, lineNumber, "state");
            var uid = ParseNumber(line[fields[UidField]], NumberStyles.None, fileName, lineNumber, "uid");
            var inode = ParseNumber(line[fields[InodeField]], NumberStyles.None, fileName, lineNumber, "inode");
            rows.Add(new SocketRow(
                protocol,
                local,
                remote,
                protocol == SocketProtocol.Tcp ? LinuxTcpStates.ToState((int)Math.Min(state, int.MaxValue)) : null,
                Inode: inode,
                Uid: (int)(uint)uid));
        }
    }

    /// <summary>ADDR:PORT in hex: the address as 32-bit words in host byte order (8 or 32 digits), the port as a number.</summary>
    private static IPEndPoint ParseEndPoint(ReadOnlySpan<char> field, string fileName, int lineNumber, string what)
    {
        var colon = field.IndexOf(':');
        if (colon is not (8 or 32) || field.Length - colon - 1 != 4)
        {
            throw Bad(fileName, lineNumber, $"{what} '{field}' is not hex ADDRESS:PORT");
        }

        Span<byte> bytes = stackalloc byte[16];
        for (var word = 0; word < colon / 8; word++)
        {
            var value = (uint)ParseNumber(field.Slice(word * 8, 8), NumberStyles.AllowHexSpecifier, fileName, lineNumber, what);
            BinaryPrimitives.WriteUInt32LittleEndian(bytes[(word * 4)..], BitConverter.IsLittleEndian ? value : BinaryPrimitives.ReverseEndianness(value));
        }

        var port = (int)ParseNumber(field[(colon + 1)..], NumberStyles.AllowHexSpecifier, fileName, lineNumber, what);
        return new IPEndPoint(new IPAddress(bytes[..(colon / 2)]), port);
    }

    private static ulong ParseNumber(ReadOnlySpan<char> field, NumberStyles style, string fileName, int lineNumber, string what) =>
        ulong.TryParse(field, style, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Bad(fileName, lineNumber, $"{what} '{field}' is not a number");

    private static SocketTableException Bad(string fileName, int lineNumber, string what) =>
        new($"{fileName} line {lineNumber}: {what}");
}
