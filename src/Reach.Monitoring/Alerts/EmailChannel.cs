using System.Text;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using Reach.Monitoring.Config;

namespace Reach.Monitoring.Alerts;

/// <summary>Sends the alert as a plain-text mail through an SMTP server (MailKit): STARTTLS, TLS or none.</summary>
internal sealed class EmailChannel(EmailChannelConfig config, TimeSpan timeout) : IAlertChannel
{
    public string Key => config.Key;

    public async Task SendAsync(AlertEvent alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        using var message = Compose(alert);
        using var client = new SmtpClient { Timeout = (int)timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(config.Host, config.Port, Security(config.Tls), cancellationToken).ConfigureAwait(false);
            if (config.User is not null)
            {
                await client.AuthenticateAsync(config.User, config.Password ?? string.Empty, cancellationToken).ConfigureAwait(false);
            }

            await client.SendAsync(message, cancellationToken).ConfigureAwait(false);
            await client.DisconnectAsync(quit: true, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or SmtpCommandException or SmtpProtocolException
            or AuthenticationException or SslHandshakeException or ServiceNotConnectedException or TimeoutException)
        {
            throw new AlertDeliveryException($"smtp {config.Host}:{config.Port}: {ex.Message}", ex);
        }
    }

    internal MimeMessage Compose(AlertEvent alert)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(config.From));
        foreach (var to in config.To)
        {
            message.To.Add(MailboxAddress.Parse(to));
        }

        message.Subject = "[reach] " + alert.Message;
        var body = new StringBuilder().AppendLine(alert.Message).AppendLine();
        foreach (var (name, value) in CommandChannel.Environment(alert))
        {
            body.Append(name["REACH_".Length..].ToLowerInvariant()).Append(": ").AppendLine(value);
        }

        message.Body = new TextPart("plain") { Text = body.ToString() };
        return message;
    }

    private static SecureSocketOptions Security(SmtpTlsMode mode) => mode switch
    {
        SmtpTlsMode.StartTls => SecureSocketOptions.StartTls,
        SmtpTlsMode.Tls => SecureSocketOptions.SslOnConnect,
        SmtpTlsMode.None => SecureSocketOptions.None,
        _ => SecureSocketOptions.StartTlsWhenAvailable,
    };
}
