using System.Diagnostics.CodeAnalysis;

namespace Reach.External;

/// <summary>Reads the reflector's base URL: absolute, http or https; the API paths go below it.</summary>
public static class ReflectorUrl
{
    /// <summary>The environment variable that names the reflector when <c>--via</c> is not given.</summary>
    public const string EnvironmentVariable = "REACH_REFLECTOR";

    public static bool TryParse(string? text, [NotNullWhen(true)] out Uri? url, [NotNullWhen(false)] out string? error)
    {
        url = null;
        var trimmed = (text ?? string.Empty).Trim();
        if (trimmed.Length == 0)
        {
            error = "empty reflector URL";
            return false;
        }

        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https") || parsed.Host.Length == 0)
        {
            error = $"reflector URL '{trimmed}' is not an http:// or https:// URL (for example http://203.0.113.7:9106)";
            return false;
        }

        if (parsed.Query.Length > 0 || parsed.Fragment.Length > 0)
        {
            error = $"reflector URL '{trimmed}' must not have a query or fragment: give the base URL the reflector serves /v1/ under";
            return false;
        }

        // A base without a trailing slash would lose its last path segment when v1/ip is resolved against it.
        url = parsed.AbsolutePath.EndsWith('/') ? parsed : new Uri(parsed.GetLeftPart(UriPartial.Path) + "/");
        error = null;
        return true;
    }
}
