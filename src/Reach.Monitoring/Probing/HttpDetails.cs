namespace Reach.Monitoring.Probing;

/// <summary>An http check's answer: what the status page shows and the metrics export. Server text is one printable line.</summary>
/// <param name="Url">The URL asked (the last one, after redirects followed).</param>
/// <param name="StatusCode">The status code; null when no answer came.</param>
/// <param name="Version"><c>HTTP/1.1</c>.</param>
/// <param name="Server">The Server header.</param>
/// <param name="Location">Where a redirect points.</param>
/// <param name="Phases">Each phase's seconds, as <c>curl -w</c> shows them.</param>
internal sealed record HttpDetails(string Url, int? StatusCode, string? Version, string? Server, string? Location, HttpPhases Phases);

/// <summary>Seconds spent in each phase of an HTTP exchange (null: not reached, or not part of it).</summary>
internal sealed record HttpPhases(double? Resolve, double? Connect, double? Tls, double? FirstByte, double Total);
