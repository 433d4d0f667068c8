using System.Buffers.Binary;

namespace Reach.Cli.Infrastructure;

/// <summary>
/// How the full image rides at the end of the reach binary: <c>[reach][image][image length: 8 bytes,
/// little-endian][magic: 8 bytes]</c>. The kernel maps only what the ELF program headers name, so bytes after them
/// change nothing for the quick image. Written by FullImage.targets (AppendFullImage: keep the two in step).
/// </summary>
internal static class EmbeddedImageTrailer
{
    public const int Length = 16;

    /// <summary>The last 8 bytes of a binary that carries an image.</summary>
    public static ReadOnlySpan<byte> Magic => "REACHIMG"u8;

    /// <summary>
    /// Where the image lies in a file of <paramref name="fileLength"/> bytes that ends with <paramref name="trailer"/>;
    /// null when the trailer is not one (no magic, or a length the file cannot hold).
    /// </summary>
    public static (long Offset, long Length)? Read(ReadOnlySpan<byte> trailer, long fileLength)
    {
        if (trailer.Length != Length || !trailer[8..].SequenceEqual(Magic))
        {
            return null;
        }

        var length = BinaryPrimitives.ReadInt64LittleEndian(trailer);
        var offset = fileLength - Length - length;
        return length > 0 && offset > 0 ? (offset, length) : null;
    }
}
