using System.Net;

namespace Reach.Http;

/// <summary>
/// Asks one URL of an open port (<see cref="HttpProbe.ProbeAsync"/>). The check is given it rather than calling it,
/// so a program that never asks HTTP (the CLI's quick image) does not carry .NET's HTTP stack.
/// </summary>
public delegate Task<HttpReport> HttpProber(IPEndPoint remote, Uri url, TimeSpan? dns, HttpProbeOptions options, CancellationToken cancellationToken);
