using System.Reflection;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Reach.Monitoring.Http;

/// <summary>
/// The status page at <c>/</c>: index.html, status.css and status.js embedded in this assembly (no CDN, no build
/// step). The page holds no data and needs no token; the data comes from the JSON API, which does.
/// </summary>
internal static class StatusPage
{
    private const string ResourcePrefix = "Reach.Monitoring.Page.";
    private const string AssetPrefix = "/page/";

    /// <summary>The page forbids anything that is not from this server: no external script, style, image or fetch.</summary>
    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private static readonly Lazy<IReadOnlyDictionary<string, PageFile>> Files = new(Load);

    /// <summary>Paths served without a token: the page and its assets, never any data.</summary>
    public static bool IsPublic(PathString path) =>
        path.Equals("/", StringComparison.Ordinal) || Files.Value.ContainsKey(path.Value ?? string.Empty);

    public static void Map(WebApplication app)
    {
        foreach (var (path, file) in Files.Value)
        {
            app.MapGet(path, (HttpContext context) => ServeAsync(context, file));
        }

        var index = Files.Value[AssetPrefix + "index.html"];
        app.MapGet("/", (HttpContext context) => ServeAsync(context, index));
    }

    private static Task ServeAsync(HttpContext context, PageFile file)
    {
        var headers = context.Response.Headers;
        headers.ContentType = file.ContentType;
        headers.ETag = file.ETag;
        // The HTML is revalidated every time (a cheap 304); the assets it names carry their hash, so they never change.
        headers.CacheControl = file.Immutable ? "public, max-age=31536000, immutable" : "no-cache";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        if (string.Equals(context.Request.Headers.IfNoneMatch, file.ETag, StringComparison.Ordinal))
        {
            context.Response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }

        context.Response.ContentLength = file.Content.Length;
        return context.Response.Body.WriteAsync(file.Content, context.RequestAborted).AsTask();
    }

    private static Dictionary<string, PageFile> Load()
    {
        var assembly = typeof(StatusPage).Assembly;
        var raw = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .ToDictionary(n => n[ResourcePrefix.Length..], n => Read(assembly, n), StringComparer.Ordinal);

        // index.html names its assets as "status.js?v=HASH": a new build gives new URLs, so the browser never mixes versions.
        var files = new Dictionary<string, PageFile>(StringComparer.Ordinal);
        var html = System.Text.Encoding.UTF8.GetString(raw["index.html"]);
        foreach (var (name, content) in raw.Where(r => r.Key != "index.html"))
        {
            var hash = Hash(content);
            html = html.Replace($"{name}?v=HASH", $"{name}?v={hash[..12]}", StringComparison.Ordinal);
            files[AssetPrefix + name] = new PageFile(content, ContentTypeOf(name), $"\"{hash}\"", Immutable: true);
        }

        var page = System.Text.Encoding.UTF8.GetBytes(html);
        files[AssetPrefix + "index.html"] = new PageFile(page, ContentTypeOf("index.html"), $"\"{Hash(page)}\"", Immutable: false);
        return files;
    }

    private static byte[] Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"resource {name} is missing");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static string Hash(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content))[..32];

    private static string ContentTypeOf(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".svg" => "image/svg+xml",
        _ => "application/octet-stream",
    };

    private sealed record PageFile(byte[] Content, string ContentType, string ETag, bool Immutable);
}
