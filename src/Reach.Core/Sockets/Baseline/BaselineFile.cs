using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Text.Json;
using Reach.Output;

namespace Reach.Sockets.Baseline;

/// <summary>Reads and writes baseline files; every failure is one line naming the file.</summary>
public static class BaselineFile
{
    public static bool TryWrite(string path, BaselineDocument document, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(document);
        try
        {
            File.WriteAllText(path, JsonSerializer.Serialize(document, ReachJsonContext.Default.BaselineDocument) + "\n");
            error = null;
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            error = $"cannot write baseline '{path}': {Reach.Text.FileErrors.Describe(ex)}";
            return false;
        }
    }

    public static bool TryRead(string path, [NotNullWhen(true)] out BaselineDocument? document, [NotNullWhen(false)] out string? error)
    {
        document = null;
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            error = $"cannot read baseline '{path}': {Reach.Text.FileErrors.Describe(ex)}";
            return false;
        }

        BaselineDocument? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize(text, ReachJsonContext.Default.BaselineDocument);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" (line {line + 1})" : string.Empty;
            error = $"'{path}' is not a reach baseline: invalid JSON{where}";
            return false;
        }

        error = Validate(parsed, out var normalized);
        if (error is not null)
        {
            error = $"'{path}' is not a reach baseline: {error}";
            return false;
        }

        document = normalized!;
        return true;
    }

    /// <summary>Checks what a hand-edited or foreign file could get wrong, and writes addresses the canonical way.</summary>
    private static string? Validate(BaselineDocument? parsed, out BaselineDocument? normalized)
    {
        normalized = null;
        if (parsed is null || parsed.Kind != BaselineDocument.KindName || parsed.Listeners is null)
        {
            return $"it has no \"kind\": \"{BaselineDocument.KindName}\" and \"listeners\" (save one with --save-baseline)";
        }

        if (parsed.SchemaVersion != BaselineDocument.CurrentVersion)
        {
            return $"schema_version {parsed.SchemaVersion} is not supported (expected {BaselineDocument.CurrentVersion})";
        }

        var listeners = new List<BaselineListener>(parsed.Listeners.Count);
        for (var i = 0; i < parsed.Listeners.Count; i++)
        {
            var listener = parsed.Listeners[i];
            if (listener is null || listener.Proto is not ("tcp" or "udp") || listener.Port is < 0 or > 65535
                || listener.Exposure is null || !IPAddress.TryParse(listener.Address ?? string.Empty, out var address))
            {
                return $"listener {i + 1} needs proto tcp|udp, a port, an address and an exposure";
            }

            listeners.Add(listener with { Address = Normalized(listener.Address!, address) });
        }

        normalized = parsed with { Listeners = listeners };
        return null;
    }

    /// <summary>
    /// The address as reach writes it now (<see cref="EndpointNotation.Plain(IPAddress)"/>), so it matches the
    /// listeners of a later run: a zone recorded by name or by number is written by the interface's name. A zone no
    /// interface has any more keeps the text it was recorded with.
    /// </summary>
    private static string Normalized(string text, IPAddress address)
    {
        var percent = text.IndexOf('%', StringComparison.Ordinal);
        return percent >= 0 && address.ScopeId == 0 ? EndpointNotation.Plain(address) + text[percent..] : EndpointNotation.Plain(address);
    }
}
