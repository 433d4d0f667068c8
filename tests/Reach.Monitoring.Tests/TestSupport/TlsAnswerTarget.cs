using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Reach.Monitoring.Tests.TestSupport;

/// <summary>
/// A TLS server on 127.0.0.1 that the test opens itself, presenting a self-signed certificate made here
/// (<see cref="CertificateRequest"/>) that ends <see cref="NotAfter"/>: each client gets a handshake, then the server
/// waits for it to go.
/// </summary>
public sealed class TlsAnswerTarget : LoopbackServer
{
    private readonly X509Certificate2 certificate;
    private int lastProtocol;

    /// <param name="subject">The certificate's subject, <c>CN=…</c>.</param>
    /// <param name="validFor">From now until the certificate's end.</param>
    public TlsAnswerTarget(string subject, TimeSpan validFor)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        var now = DateTimeOffset.UtcNow;
        certificate = request.CreateSelfSigned(now.AddHours(-1), now + validFor);
        Start();
    }

    /// <summary>The end of the certificate's validity, as encoded (whole seconds).</summary>
    public DateTimeOffset NotAfter => new(certificate.NotAfter.ToUniversalTime());

    /// <summary>The protocol of the last handshake completed (<see cref="SslProtocols.None"/> before any).</summary>
    public SslProtocols LastProtocol => (SslProtocols)Volatile.Read(ref lastProtocol);

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            certificate.Dispose();
        }
    }

    protected override async Task ServeAsync(Socket client)
    {
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Stop.Token);
            deadline.CancelAfter(TimeSpan.FromSeconds(5));
            await using var ssl = new SslStream(new NetworkStream(client, ownsSocket: true));
            await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = certificate }, deadline.Token);
            Volatile.Write(ref lastProtocol, (int)ssl.SslProtocol);
            _ = await ssl.ReadAsync(new byte[1], deadline.Token); // until the client goes
        }
        catch (Exception ex) when (ex is IOException or AuthenticationException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }
}
