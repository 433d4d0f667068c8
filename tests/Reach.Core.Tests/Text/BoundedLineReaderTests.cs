using System.Text;
using Reach.Text;

namespace Reach.Core.Tests.Text;

public class BoundedLineReaderTests
{
    [Theory]
    [InlineData("a\nb\n", new[] { "a", "b" })]
    [InlineData("a\r\nb", new[] { "a", "b" })]
    [InlineData("a\rb\r\n\nc", new[] { "a", "b", "", "c" })]
    [InlineData("\n", new[] { "" })]
    [InlineData("", new string[0])]
    [InlineData("\ufeffbom\n", new[] { "bom" })]
    public void Read_SplitsLinesAsReadAllLinesDoes(string text, string[] expected)
    {
        using var reader = new BoundedLineReader(new MemoryStream(Encoding.UTF8.GetBytes(text)), 100, 1000);

        Assert.Equal(expected, ReadAll(reader));
        Assert.Equal(expected.Length, reader.LineNumber);
    }

    [Fact]
    public void Read_CrLfSplitAcrossBuffers_IsOneLineEnd()
    {
        var text = new string('x', 4095) + "\r\n" + "next";
        using var reader = new BoundedLineReader(new MemoryStream(Encoding.UTF8.GetBytes(text)), 5000, 10_000);

        Assert.Equal([new string('x', 4095), "next"], ReadAll(reader));
    }

    [Fact]
    public void Read_LineOverTheLimit_IsAnOutcomeNamingTheLine()
    {
        using var reader = new BoundedLineReader(new MemoryStream(Encoding.UTF8.GetBytes("ok\n" + new string('z', 11) + "\n")), 10, 1000);

        Assert.Equal(BoundedLineReader.Outcome.Line, reader.Read(out _));
        Assert.Equal(BoundedLineReader.Outcome.LineTooLong, reader.Read(out _));
        Assert.Equal(2, reader.LineNumber);
    }

    [Fact]
    public void Read_EndlessZeros_StopsAtTheLineLimit_WithoutReadingMore()
    {
        var zeros = new EndlessStream(0);
        using var reader = new BoundedLineReader(zeros, 4096, long.MaxValue - 1);

        Assert.Equal(BoundedLineReader.Outcome.LineTooLong, reader.Read(out _));
        Assert.True(zeros.BytesRead < 64 * 1024, $"read {zeros.BytesRead} bytes");
    }

    [Fact]
    public void Read_EndlessShortLines_StopsAtTheFileLimit()
    {
        var newlines = new EndlessStream((byte)'\n');
        using var reader = new BoundedLineReader(newlines, 4096, 100_000);

        BoundedLineReader.Outcome outcome;
        while ((outcome = reader.Read(out _)) == BoundedLineReader.Outcome.Line)
        {
        }

        Assert.Equal(BoundedLineReader.Outcome.FileTooLarge, outcome);
        Assert.True(newlines.BytesRead <= 100_001, $"read {newlines.BytesRead} bytes");
        Assert.InRange(reader.LineNumber, 90_000, 100_001);
    }

    [Fact]
    public void Read_FileOfExactlyTheLimit_IsRead()
    {
        using var reader = new BoundedLineReader(new MemoryStream(Encoding.UTF8.GetBytes("abc\ndef\n")), 10, 8);

        Assert.Equal(["abc", "def"], ReadAll(reader));
    }

    private static List<string> ReadAll(BoundedLineReader reader)
    {
        var lines = new List<string>();
        BoundedLineReader.Outcome outcome;
        while ((outcome = reader.Read(out var line)) == BoundedLineReader.Outcome.Line)
        {
            lines.Add(line!);
        }

        Assert.Equal(BoundedLineReader.Outcome.End, outcome);
        return lines;
    }

    /// <summary>/dev/zero or `yes ''` as a stream: one byte, forever, counted.</summary>
    private sealed class EndlessStream(byte value) : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            buffer.AsSpan(offset, count).Fill(value);
            BytesRead += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
