using System.Text;

namespace Reach.Text;

/// <summary>
/// Reads lines from a stream that may never end (a FIFO, <c>/dev/zero</c>, <c>yes</c> on a pipe) without holding more
/// than one bounded line: a line longer than the limit, or more bytes than the file limit, is an outcome, not memory.
/// Lines end at LF, CR or CR LF; the byte order mark is skipped; invalid UTF-8 becomes U+FFFD.
/// </summary>
internal sealed class BoundedLineReader : IDisposable
{
    private readonly LimitedStream limited;
    private readonly StreamReader reader;
    private readonly char[] buffer = new char[4096];
    private readonly StringBuilder line = new();
    private readonly int maxLineLength;
    private int position;
    private int length;
    private bool afterCarriageReturn;

    public BoundedLineReader(Stream stream, int maxLineLength, long maxBytes)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxLineLength);
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        this.maxLineLength = maxLineLength;
        limited = new LimitedStream(stream, maxBytes);
        reader = new StreamReader(limited, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), detectEncodingFromByteOrderMarks: true, bufferSize: 4096, leaveOpen: true);
    }

    public enum Outcome
    {
        /// <summary>A line was read.</summary>
        Line,

        /// <summary>The stream ended; there are no more lines.</summary>
        End,

        /// <summary>Line <see cref="LineNumber"/> is longer than the line limit.</summary>
        LineTooLong,

        /// <summary>The stream holds more bytes than the limit (found while reading line <see cref="LineNumber"/>).</summary>
        FileTooLarge,
    }

    /// <summary>The number of the line last read (1 for the first), or being read when an outcome is a limit.</summary>
    public int LineNumber { get; private set; }

    /// <summary>Reads the next line; <paramref name="text"/> is set only for <see cref="Outcome.Line"/>.</summary>
    public Outcome Read(out string? text)
    {
        text = null;
        line.Clear();
        LineNumber++;
        var started = false;
        while (true)
        {
            if (position == length)
            {
                length = reader.Read(buffer, 0, buffer.Length);
                position = 0;
                if (limited.Exceeded)
                {
                    return Outcome.FileTooLarge;
                }

                if (length == 0)
                {
                    if (!started)
                    {
                        LineNumber--;
                        return Outcome.End;
                    }

                    text = line.ToString();
                    return Outcome.Line;
                }
            }

            var rest = buffer.AsSpan(position, length - position);
            if (afterCarriageReturn)
            {
                afterCarriageReturn = false;
                if (rest[0] == '\n')
                {
                    position++; // the LF of a CR LF
                    continue;
                }
            }

            started = true;
            var end = rest.IndexOfAny('\r', '\n');
            var take = end < 0 ? rest.Length : end;
            if (line.Length + take > maxLineLength)
            {
                return Outcome.LineTooLong;
            }

            line.Append(rest[..take]);
            position += take;
            if (end >= 0)
            {
                afterCarriageReturn = rest[end] == '\r';
                position++;
                text = line.ToString();
                return Outcome.Line;
            }
        }
    }

    public void Dispose() => reader.Dispose();

    /// <summary>Passes at most one byte more than the limit through, and says whether that byte came.</summary>
    private sealed class LimitedStream(Stream inner, long limit) : Stream
    {
        private long total;

        public bool Exceeded => total > limit;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => total;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var allowed = limit + 1 - total;
            if (allowed <= 0)
            {
                return 0;
            }

            var read = inner.Read(buffer[..(int)Math.Min(buffer.Length, allowed)]);
            total += read;
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
