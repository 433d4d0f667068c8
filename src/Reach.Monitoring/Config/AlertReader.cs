using YamlDotNet.RepresentationModel;

namespace Reach.Monitoring.Config;

/// <summary>Reads <c>alerts:</c>: a list whose items are each a webhook, an email or a command.</summary>
internal static class AlertReader
{
    private static readonly string[] ChannelKinds = ["webhook", "email", "command"];

    private static readonly Dictionary<string, WebhookTemplate> Templates = new(StringComparer.Ordinal)
    {
        ["GENERIC"] = WebhookTemplate.Generic,
        ["SLACK"] = WebhookTemplate.Slack,
        ["TEAMS"] = WebhookTemplate.Teams,
        ["TELEGRAM"] = WebhookTemplate.Telegram,
    };

    private static readonly Dictionary<string, SmtpTlsMode> TlsModes = new(StringComparer.Ordinal)
    {
        ["AUTO"] = SmtpTlsMode.Auto,
        ["STARTTLS"] = SmtpTlsMode.StartTls,
        ["TLS"] = SmtpTlsMode.Tls,
        ["NONE"] = SmtpTlsMode.None,
    };

    public static IReadOnlyList<AlertChannelConfig> ReadAll(YamlNodeReader reader, YamlNode node)
    {
        var channels = new List<AlertChannelConfig>();
        var index = 0;
        foreach (var item in reader.Sequence(node, "alerts"))
        {
            var path = $"alerts[{index}]";
            var mapping = reader.Mapping(item, path);
            var kinds = ChannelKinds.Where(k => mapping.Children.ContainsKey(new YamlScalarNode(k))).ToList();
            if (kinds.Count != 1)
            {
                throw reader.Error(item, path, kinds.Count == 0
                    ? "each alert is one of 'webhook: URL', 'email: {...}' or 'command: PATH'"
                    : $"one channel per item: {string.Join(" and ", kinds)} are both given");
            }

            AlertChannelConfig channel = kinds[0] switch
            {
                "webhook" => ReadWebhook(reader, item, path),
                "email" => ReadEmail(reader, item, path),
                _ => ReadCommand(reader, item, path),
            };
            if (channels.Any(c => c.Key == channel.Key))
            {
                throw reader.Error(item, path, $"the same channel is given twice ({channel.Key})");
            }

            channels.Add(channel);
            index++;
        }

        return channels;
    }

    private static WebhookChannelConfig ReadWebhook(YamlNodeReader reader, YamlNode node, string path)
    {
        var f = reader.Fields(node, path, "webhook", "template", "headers", "chat_id");
        var urlNode = f["webhook"]!;
        var text = reader.RequiredScalar(urlNode, f.PathOf("webhook"));
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw reader.Error(urlNode, f.PathOf("webhook"), $"'{text}' is not an http:// or https:// URL");
        }

        var template = f["template"] is { } t ? reader.Enum(t, f.PathOf("template"), Templates) : WebhookTemplate.Generic;
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (f["headers"] is { } h)
        {
            foreach (var (key, value) in reader.Mapping(h, f.PathOf("headers")).Children)
            {
                var name = reader.RequiredScalar(key, f.PathOf("headers"));
                headers[name] = reader.Scalar(value, $"{f.PathOf("headers")}.{name}") ?? string.Empty;
            }
        }

        var chatId = f["chat_id"] is { } c ? reader.RequiredScalar(c, f.PathOf("chat_id")) : null;
        if (template == WebhookTemplate.Telegram && chatId is null)
        {
            throw reader.Error(node, path, "the telegram template needs 'chat_id'");
        }

        return new WebhookChannelConfig(url, template, headers, chatId);
    }

    private static EmailChannelConfig ReadEmail(YamlNodeReader reader, YamlNode node, string path)
    {
        var outer = reader.Fields(node, path, "email");
        var f = reader.Fields(outer["email"]!, outer.PathOf("email"), "host", "port", "tls", "user", "password", "from", "to");
        var host = reader.RequiredScalar(f["host"] ?? throw reader.Error(f.Node, f.Path, "missing 'host' (the SMTP server)"), f.PathOf("host"));
        var tls = f["tls"] is { } t ? reader.Enum(t, f.PathOf("tls"), TlsModes) : SmtpTlsMode.Auto;
        var port = f["port"] is { } p ? reader.Integer(p, f.PathOf("port"), 1, 65535) : tls == SmtpTlsMode.Tls ? 465 : 587;
        var from = reader.RequiredScalar(f["from"] ?? throw reader.Error(f.Node, f.Path, "missing 'from' (the sender address)"), f.PathOf("from"));
        var toNode = f["to"] ?? throw reader.Error(f.Node, f.Path, "missing 'to' (one address or a list)");
        var to = reader.ScalarOrList(toNode, f.PathOf("to"));
        foreach (var (address, itemNode) in to.Append((from, f["from"]!)))
        {
            if (!address.Contains('@', StringComparison.Ordinal) || !MimeKit.MailboxAddress.TryParse(address, out _))
            {
                throw reader.Error(itemNode, f.Path, $"'{address}' is not a mail address");
            }
        }

        var user = f["user"] is { } u ? reader.Scalar(u, f.PathOf("user")) : null;
        var password = f["password"] is { } pw ? reader.Scalar(pw, f.PathOf("password")) : null;
        if ((user is null) != (password is null))
        {
            throw reader.Error(f.Node, f.Path, "give both 'user' and 'password', or neither");
        }

        return new EmailChannelConfig(host, port, tls, user, password, from, [.. to.Select(x => x.Text)]);
    }

    private static CommandChannelConfig ReadCommand(YamlNodeReader reader, YamlNode node, string path)
    {
        var f = reader.Fields(node, path, "command", "args", "timeout");
        var program = reader.RequiredScalar(f["command"]!, f.PathOf("command"));
        var args = f["args"] is { } a ? reader.ScalarOrList(a, f.PathOf("args")).Select(x => x.Text).ToList() : [];
        var timeout = f["timeout"] is { } t ? reader.Duration(t, f.PathOf("timeout"), TimeSpan.FromMilliseconds(100)) : TimeSpan.FromSeconds(30);
        return new CommandChannelConfig(program, args, timeout);
    }
}
