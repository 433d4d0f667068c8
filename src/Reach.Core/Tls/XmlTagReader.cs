using System.Text;

namespace Reach.Tls;

/// <summary>
/// Reads an XMPP stream one tag at a time, byte by byte, so nothing after the tag asked for is taken from the
/// connection. Simple scanning is enough: XMPP forbids comments, processing instructions (but the XML declaration),
/// DTDs and entity declarations (RFC 6120 §11.1), so a tag ends at the first <c>&gt;</c> outside a quoted value.
/// All it reads, text included, counts against one limit.
/// </summary>
internal sealed class XmlTagReader(Stream stream, int maxBytes)
{
    private static readonly char[] NameEnds = [' ', '\t', '\r', '\n', '/'];
    private readonly byte[] _one = new byte[1];
    private int _total;

    /// <summary>What a tag is.</summary>
    public enum Kind
    {
        /// <summary><c>&lt;name …&gt;</c></summary>
        Start,

        /// <summary><c>&lt;name …/&gt;</c></summary>
        Empty,

        /// <summary><c>&lt;/name&gt;</c></summary>
        End,

        /// <summary><c>&lt;?xml …?&gt;</c> (or <c>&lt;!…&gt;</c>)</summary>
        Declaration,
    }

    /// <summary>The next tag.</summary>
    /// <param name="what">What is being read, for the reasons ("its stream features").</param>
    /// <param name="first">Whether this is the stream's first tag: text before it means another protocol.</param>
    /// <param name="cancellationToken">The deadline.</param>
    public async Task<Tag> NextAsync(string what, bool first, CancellationToken cancellationToken)
    {
        var text = new List<byte>();
        while (true)
        {
            var b = await ReadByteAsync(what, cancellationToken).ConfigureAwait(false);
            if (b == (byte)'<')
            {
                break;
            }

            text.Add(b);
            if (first && !char.IsWhiteSpace((char)b))
            {
                throw new StartTlsException($"not an XMPP server: it answered with {await StartTlsIo.QuoteAsync(stream, text.ToArray(), cancellationToken).ConfigureAwait(false)}");
            }
        }

        var tag = new List<byte> { (byte)'<' };
        byte quote = 0;
        while (true)
        {
            var b = await ReadByteAsync(what, cancellationToken).ConfigureAwait(false);
            tag.Add(b);
            if (quote != 0)
            {
                quote = b == quote ? (byte)0 : quote;
            }
            else if (b is (byte)'\'' or (byte)'"')
            {
                quote = b;
            }
            else if (b == (byte)'>')
            {
                break;
            }
        }

        var whole = Encoding.UTF8.GetString([.. tag]);
        var inner = whole[1..^1];
        var kind = inner switch
        {
            ['?', ..] or ['!', ..] => Kind.Declaration,
            ['/', ..] => Kind.End,
            [.., '/'] => Kind.Empty,
            _ => Kind.Start,
        };
        var name = inner.TrimStart('/').Split(NameEnds, 2)[0];
        return new Tag(kind, name[(name.IndexOf(':', StringComparison.Ordinal) + 1)..], whole, Encoding.UTF8.GetString([.. text]).Trim());
    }

    /// <summary>A tag: its kind, its name without the prefix (<c>stream:features</c> → <c>features</c>), the whole tag, and the text before it (trimmed).</summary>
    public readonly record struct Tag(Kind Kind, string Name, string Whole, string Text)
    {
        /// <summary>The whole tag as a printable quote for a reason.</summary>
        public string Quoted => StartTlsIo.Quote(Encoding.UTF8.GetBytes(Whole));
    }

    private async Task<byte> ReadByteAsync(string what, CancellationToken cancellationToken)
    {
        if (_total++ == maxBytes)
        {
            throw new StartTlsException($"the XMPP server sent more than {maxBytes} bytes without completing {what}");
        }

        if (await stream.ReadAsync(_one, cancellationToken).ConfigureAwait(false) == 0)
        {
            throw new StartTlsException($"the server closed the connection before completing {what}");
        }

        return _one[0];
    }
}
