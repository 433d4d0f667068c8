using System.Text.Json.Serialization;
using Reach.Checking;
using Reach.Identification;
using Reach.Pinging;
using Reach.Probes;
using Reach.Resolution;
using Reach.Tls;

namespace Reach.Output;

// The JSON shapes of `reach check --json` (docs/check-json.md, docs/schemas/check.schema.json).
// Plain strings and numbers only, so that the document reads the same in every language.

public sealed record CheckRunJson(
    IReadOnlyList<TargetJson> Targets,
    bool Reachable,
    SummaryJson Summary,
    double DurationMs);

public sealed record SummaryJson(int Total, int Reachable, int Open, int Closed, int Filtered, int Unresolved, int Error, int TlsFailed, int WrongService, int HttpFailed);

public sealed record TargetJson(
    string Target,
    string Host,
    int? Port,
    string? Service,
    IReadOnlyList<string> Addresses,
    ResolutionJson Resolution,
    PingJson Ping,
    IReadOnlyList<ResultJson> Results,
    TargetStatus Status,
    bool Reachable,
    string Explanation,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<ReverseNameJson>? ReverseNames);

public sealed record ResolutionJson(ResolutionStatus Status, string? Error);

public sealed record PingJson(PingStatus Status, string? Address, double? RttMs, string? Message);

public sealed record ResultJson(
    string Address,
    int? Port,
    PortState? State,
    ProbeReason? Reason,
    double? RttMs,
    string? Source,
    string? Reporter,
    string Explanation,
    string? Error,
    PingJson Ping,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] RouteJson? Route,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] BannerJson? Banner = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] TlsJson? Tls = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] HttpJson? Http = null);

/// <summary>With <c>--http</c> or a URL target on an open port: the answer and its phases (see docs/check-json.md).</summary>
public sealed record HttpJson(
    string Url,
    int? StatusCode,
    string? Reason,
    string? Version,
    string? Location,
    string? Server,
    long BodyBytes,
    HttpTimingJson TimingMs,
    IReadOnlyList<HttpRedirectJson> Redirects,
    string? Error);

/// <summary>Each phase's own duration in milliseconds (null: the phase did not happen).</summary>
public sealed record HttpTimingJson(double? Dns, double? Connect, double? Tls, double? FirstByte, double Total);

public sealed record HttpRedirectJson(string Url, int StatusCode, string Location);

/// <summary>
/// On an open port: what answered, a greeting sent first or the answer to <c>probe</c> (protocol null: nothing came);
/// <c>expected</c>: the protocol the port promises (null for ports that promise nothing in particular).
/// </summary>
public sealed record BannerJson(
    ServiceProtocol? Protocol, string? Text, int Bytes, bool Complete, ServiceProbe? Probe, bool Closed, string? Error, ServiceProtocol? Expected);

/// <summary>With <c>--tls</c> on an open port: the handshake, the chain (leaf first) and the verdict on it.</summary>
public sealed record TlsJson(
    string ServerName,
    string? Protocol,
    string? CipherSuite,
    string? Alpn,
    bool Trusted,
    IReadOnlyList<TlsProblem> Problems,
    int? DaysLeft,
    bool ExpiresSoon,
    string? Error,
    double HandshakeMs,
    IReadOnlyList<CertificateJson> Chain,
    StartTlsProtocol? Starttls);

public sealed record CertificateJson(
    string Subject,
    IReadOnlyList<string> Names,
    int NameCount,
    string Issuer,
    string NotBefore,
    string NotAfter,
    string KeyType,
    int KeyBits,
    string SignatureAlgorithm,
    string Sha256);

public sealed record RouteJson(string? Source, string? Interface, string? NextHop, bool? OnLink, string? Error);

public sealed record ReverseNameJson(string Address, string? Name);
