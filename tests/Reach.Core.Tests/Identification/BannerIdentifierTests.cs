using System.Text;
using Reach.Identification;

namespace Reach.Core.Tests.Identification;

/// <summary>Greetings as real servers send them (captured from Debian's packages and the protocols' RFCs).</summary>
public class BannerIdentifierTests
{
    [Theory]
    [InlineData("SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n", ServiceProtocol.Ssh)]
    [InlineData("SSH-1.99-Cisco-1.25\r\n", ServiceProtocol.Ssh)]
    [InlineData("220 mail.reach.test ESMTP Postfix (Debian/GNU)\r\n", ServiceProtocol.Smtp)]
    [InlineData("220 mx.reach.test ESMTP Exim 4.96 Mon, 07 Dec 2026 22:00:00 +0000\r\n", ServiceProtocol.Smtp)]
    [InlineData("220-mail.reach.test ESMTP ready\r\n", ServiceProtocol.Smtp)]
    [InlineData("220 (vsFTPd 3.0.3)\r\n", ServiceProtocol.Ftp)]
    [InlineData("220 ProFTPD Server (Debian) [::ffff:10.0.0.5]\r\n", ServiceProtocol.Ftp)]
    [InlineData("220 Microsoft FTP Service\r\n", ServiceProtocol.Ftp)]
    [InlineData("+OK Dovecot (Debian) ready.\r\n", ServiceProtocol.Pop3)]
    [InlineData("* OK [CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ STARTTLS AUTH=PLAIN] Dovecot (Debian) ready.\r\n", ServiceProtocol.Imap)]
    [InlineData("* PREAUTH IMAP4rev1 server logged in as alice\r\n", ServiceProtocol.Imap)]
    [InlineData("RFB 003.008\n", ServiceProtocol.Vnc)]
    [InlineData("HTTP/1.1 400 Bad Request\r\n", ServiceProtocol.Http)]
    [InlineData("hello there\r\n", ServiceProtocol.Unknown)]
    public void TextGreetings(string greeting, ServiceProtocol expected)
    {
        Assert.Equal(expected, BannerIdentifier.Identify(Encoding.ASCII.GetBytes(greeting)));
    }

    [Fact]
    public void MySqlHandshake_IsMySql()
    {
        // MariaDB 10.11's first packet: length 0x5b, sequence 0, protocol 10, "5.5.5-10.11.6-MariaDB-0+deb12u1\0", …
        byte[] version = [.. "5.5.5-10.11.6-MariaDB-0+deb12u1"u8, 0];
        byte[] body = [10, .. version, 1, 0, 0, 0, .. "abcdefgh"u8, 0];
        byte[] packet = [(byte)body.Length, 0, 0, 0, .. body];

        Assert.Equal(ServiceProtocol.MySql, BannerIdentifier.Identify(packet));
        Assert.Equal("5.5.5-10.11.6-MariaDB-0+deb12u1", BannerReader.Describe(packet, complete: true).Text);
    }

    [Fact]
    public void MySqlHostNotAllowed_ErrorPacket_IsMySql()
    {
        // ER_HOST_NOT_PRIVILEGED (1130): "Host '10.0.0.9' is not allowed to connect to this MariaDB server"
        byte[] message = [.. "Host '10.0.0.9' is not allowed to connect to this MariaDB server"u8];
        byte[] body = [0xFF, 0x6A, 0x04, .. message];
        byte[] packet = [(byte)body.Length, 0, 0, 0, .. body];

        Assert.Equal(ServiceProtocol.MySql, BannerIdentifier.Identify(packet));
    }

    [Fact]
    public void TelnetNegotiation_IsTelnet()
    {
        // IAC DO TERMINAL-TYPE, IAC WILL ECHO (what telnetd sends before its login prompt)
        Assert.Equal(ServiceProtocol.Telnet, BannerIdentifier.Identify([0xFF, 0xFD, 0x18, 0xFF, 0xFB, 0x01]));
    }

    [Fact]
    public void Nothing_IsUnknown()
    {
        Assert.Equal(ServiceProtocol.Unknown, BannerIdentifier.Identify([]));
    }
}
