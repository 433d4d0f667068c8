namespace Reach.Monitoring.Config;

/// <summary>One item of <c>alerts:</c>. <see cref="Key"/> identifies the channel across reloads (pending alerts keep it).</summary>
internal abstract record AlertChannelConfig
{
    /// <summary>A stable identity, e.g. <c>webhook:http://127.0.0.1:9999/hook</c>; secrets never appear in it.</summary>
    public abstract string Key { get; }
}

/// <summary><c>- webhook: URL</c>: an HTTP POST with a JSON body in the shape of <see cref="Template"/>.</summary>
internal sealed record WebhookChannelConfig(
    Uri Url,
    WebhookTemplate Template,
    IReadOnlyDictionary<string, string> Headers,
    string? ChatId = null) : AlertChannelConfig
{
    public override string Key => $"webhook:{Url.GetLeftPart(UriPartial.Path)}";
}

/// <summary><c>- command: PATH</c>: runs a program with the event in REACH_* environment variables.</summary>
internal sealed record CommandChannelConfig(string Path, IReadOnlyList<string> Arguments, TimeSpan Timeout) : AlertChannelConfig
{
    public override string Key => $"command:{Path}";
}

/// <summary><c>- email: {...}</c>: a mail through an SMTP server.</summary>
internal sealed record EmailChannelConfig(
    string Host,
    int Port,
    SmtpTlsMode Tls,
    string? User,
    string? Password,
    string From,
    IReadOnlyList<string> To) : AlertChannelConfig
{
    public override string Key => $"email:{Host}:{Port}:{string.Join(',', To)}";
}

/// <summary>The body shape of a webhook.</summary>
internal enum WebhookTemplate
{
    /// <summary>Reach's own JSON event (docs/watch.md).</summary>
    Generic,

    /// <summary>Slack incoming webhook: <c>{"text": …}</c>.</summary>
    Slack,

    /// <summary>Microsoft Teams message card.</summary>
    Teams,

    /// <summary>Telegram Bot API sendMessage: <c>{"chat_id": …, "text": …}</c> (<c>chat_id</c> from the config).</summary>
    Telegram,
}

/// <summary>How the SMTP connection is secured.</summary>
internal enum SmtpTlsMode
{
    /// <summary>STARTTLS when the server offers it (MailKit's Auto).</summary>
    Auto,

    /// <summary>Plain connection upgraded with STARTTLS; fails when the server does not offer it.</summary>
    StartTls,

    /// <summary>TLS from the first byte (port 465).</summary>
    Tls,

    /// <summary>No encryption (a local relay only).</summary>
    None,
}
