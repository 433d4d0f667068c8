using System.Net;

namespace Reach.Http;

/// <summary>
/// Asks one URL of an open port (<see cref="HttpProbe.ProbeAsync"/>). The check is given it rather than calling it:
/// a program can leave HTTP out, and a test can answer for the network.
/// </summary>
public delegate Task<HttpReport> HttpProber(IPEndPoint remote, Uri url, TimeSpan? dns, HttpProbeOptions options, CancellationToken cancellationToken);
