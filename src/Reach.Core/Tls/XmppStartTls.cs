namespace Reach.Tls;

/// <summary>
/// XMPP's upgrade (RFC 6120 §5.4.2): open a stream to the host, read the server's stream header and its
/// <c>&lt;stream:features/&gt;</c> to the end, require <c>&lt;starttls/&gt;</c> among them, ask for it, and expect
/// <c>&lt;proceed/&gt;</c>. Port 5269 is a server-to-server stream (<c>jabber:server</c>), any other a client's.
/// </summary>
internal static class XmppStartTls
{
    /// <summary>The most bytes read before TLS: a server's features are a few hundred bytes to a few KiB.</summary>
    public const int MaxBytes = 32 * 1024;

    private const string TlsNamespace = "urn:ietf:params:xml:ns:xmpp-tls";

    public static async Task NegotiateAsync(Stream stream, string serverName, int port, CancellationToken cancellationToken)
    {
        var kind = port == 5269 ? "jabber:server" : "jabber:client";
        await StartTlsIo.SendAsync(
            stream,
            $"<?xml version='1.0'?><stream:stream xmlns='{kind}' xmlns:stream='http://etherx.jabber.org/streams' to='{Escape(serverName)}' version='1.0'>",
            cancellationToken).ConfigureAwait(false);

        var reader = new XmlTagReader(stream, MaxBytes);
        var first = true;
        XmlTagReader.Tag tag;
        do
        {
            tag = await reader.NextAsync("its stream header", first, cancellationToken).ConfigureAwait(false);
            first = false;
        }
        while (tag.Kind == XmlTagReader.Kind.Declaration);

        if (tag.Kind != XmlTagReader.Kind.Start || tag.Name != "stream")
        {
            throw new StartTlsException($"expected the XMPP stream header, the server sent {tag.Quoted}");
        }

        tag = await reader.NextAsync("its stream features", first: false, cancellationToken).ConfigureAwait(false);
        await ThrowIfEndedAsync(reader, tag, cancellationToken).ConfigureAwait(false);
        if (tag.Name != "features" || tag.Kind is not (XmlTagReader.Kind.Start or XmlTagReader.Kind.Empty))
        {
            throw new StartTlsException($"expected <stream:features>, the XMPP server sent {tag.Quoted}");
        }

        if (!await OffersStartTlsAsync(reader, tag, cancellationToken).ConfigureAwait(false))
        {
            throw new StartTlsException("the XMPP server does not offer STARTTLS in its stream features");
        }

        await StartTlsIo.SendAsync(stream, $"<starttls xmlns='{TlsNamespace}'/>", cancellationToken).ConfigureAwait(false);
        tag = await reader.NextAsync("its answer to <starttls/>", first: false, cancellationToken).ConfigureAwait(false);
        await ThrowIfEndedAsync(reader, tag, cancellationToken).ConfigureAwait(false);
        switch (tag.Name)
        {
            case "proceed" when tag.Kind == XmlTagReader.Kind.Empty:
                return;
            case "proceed" when tag.Kind == XmlTagReader.Kind.Start:
                _ = await reader.NextAsync("its <proceed>", first: false, cancellationToken).ConfigureAwait(false); // </proceed>
                return;
            case "failure":
                throw new StartTlsException("the XMPP server refused STARTTLS: it answered <failure/>");
            default:
                throw new StartTlsException($"expected <proceed/> to <starttls/>, the XMPP server sent {tag.Quoted}");
        }
    }

    /// <summary>Reads the features to their end; whether a <c>&lt;starttls/&gt;</c> of the TLS namespace is among them.</summary>
    private static async Task<bool> OffersStartTlsAsync(XmlTagReader reader, XmlTagReader.Tag features, CancellationToken cancellationToken)
    {
        var offered = false;
        var depth = features.Kind == XmlTagReader.Kind.Start ? 1 : 0;
        while (depth > 0)
        {
            var tag = await reader.NextAsync("its stream features", first: false, cancellationToken).ConfigureAwait(false);
            if (depth == 1 && tag.Name == "starttls" && tag.Kind != XmlTagReader.Kind.End && tag.Whole.Contains(TlsNamespace, StringComparison.Ordinal))
            {
                offered = true;
            }

            depth += tag.Kind switch
            {
                XmlTagReader.Kind.Start => 1,
                XmlTagReader.Kind.End => -1,
                _ => 0,
            };
        }

        return offered;
    }

    /// <summary>A stream error (its condition and text) or the stream's end, said in words.</summary>
    private static async Task ThrowIfEndedAsync(XmlTagReader reader, XmlTagReader.Tag tag, CancellationToken cancellationToken)
    {
        if (tag.Name == "stream" && tag.Kind == XmlTagReader.Kind.End)
        {
            throw new StartTlsException("the XMPP server closed the stream");
        }

        if (tag.Name != "error" || tag.Kind != XmlTagReader.Kind.Start)
        {
            return;
        }

        // <stream:error><host-unknown xmlns='…'/><text xmlns='…'>…</text></stream:error> (RFC 6120 §4.9)
        string? condition = null, text = null;
        while (true)
        {
            var inner = await reader.NextAsync("its stream error", first: false, cancellationToken).ConfigureAwait(false);
            if (inner.Name == "error" && inner.Kind == XmlTagReader.Kind.End)
            {
                break;
            }

            if (inner.Name == "text" && inner.Kind == XmlTagReader.Kind.End)
            {
                text = inner.Text;
            }
            else if (inner.Kind != XmlTagReader.Kind.End && inner.Name != "text")
            {
                condition ??= inner.Name;
            }
        }

        throw new StartTlsException($"the XMPP server ended the stream with an error: {Text.Printable.OneLine(condition ?? "(no condition)", 100)}{(string.IsNullOrEmpty(text) ? string.Empty : $": {Text.Printable.OneLine(text, 200)}")}");
    }

    /// <summary>The host name as an XML attribute value (a name the user gave may hold anything).</summary>
    private static string Escape(string value) =>
        value.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace("'", "&apos;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal);
}
