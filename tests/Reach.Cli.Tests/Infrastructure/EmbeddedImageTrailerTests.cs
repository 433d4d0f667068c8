using System.Buffers.Binary;
using System.Text;
using Reach.Cli.Infrastructure;

namespace Reach.Cli.Tests.Infrastructure;

/// <summary>
/// The Linux reach carries the full image at its end (issue 13, item 29): [reach][image][length][magic]. The
/// published binary itself is read by SingleFileBinaryTests; here, files laid out as FullImage.targets writes them.
/// </summary>
public class EmbeddedImageTrailerTests
{
    [Fact]
    public void Trailer_AfterAnImage_LocatesIt()
    {
        var file = Layout(quick: 1000, image: 300);

        var found = EmbeddedImageTrailer.Read(file.AsSpan(file.Length - EmbeddedImageTrailer.Length), file.Length);

        Assert.Equal((1000L, 300L), found);
        Assert.Equal("IMG", Encoding.ASCII.GetString(file, 1000, 3));
    }

    [Fact]
    public void PlainBinary_WithoutTheMagic_HasNoImage()
    {
        var file = new byte[2000];

        Assert.Null(EmbeddedImageTrailer.Read(file.AsSpan(file.Length - EmbeddedImageTrailer.Length), file.Length));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(1985)] // the whole file and more: no quick image would be left in front of it
    [InlineData(long.MaxValue)]
    public void Length_TheFileCannotHold_IsNoImage(long length)
    {
        var file = Layout(quick: 1000, image: 300);
        BinaryPrimitives.WriteInt64LittleEndian(file.AsSpan(file.Length - EmbeddedImageTrailer.Length), length);

        Assert.Null(EmbeddedImageTrailer.Read(file.AsSpan(file.Length - EmbeddedImageTrailer.Length), 2000));
    }

    [Fact]
    public void ShortTrailer_IsNoImage()
    {
        Assert.Null(EmbeddedImageTrailer.Read("REACHIMG"u8, 100));
    }

    /// <summary>A quick image of <paramref name="quick"/> bytes, then an image of <paramref name="image"/> bytes and the trailer.</summary>
    private static byte[] Layout(int quick, int image)
    {
        var file = new byte[quick + image + EmbeddedImageTrailer.Length];
        "IMG"u8.CopyTo(file.AsSpan(quick));
        BinaryPrimitives.WriteInt64LittleEndian(file.AsSpan(quick + image), image);
        EmbeddedImageTrailer.Magic.CopyTo(file.AsSpan(quick + image + 8));
        return file;
    }
}
