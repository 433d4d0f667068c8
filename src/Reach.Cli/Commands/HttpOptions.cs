using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Reach.Checking;
using Reach.Cli.Infrastructure;
using Reach.Http;
using Reach.Text;

namespace Reach.Cli.Commands;

/// <summary>Binds <c>--http [PATH]</c>, <c>--follow</c> and <c>--status</c>: any of them asks every open port with HTTP.</summary>
internal static class HttpOptions
{
    /// <summary>
    /// <c>--http</c> with an optional path. The path must start with '/': a following target (<c>--http web01</c>)
    /// would otherwise be taken as the path, so that is a clear error instead.
    /// </summary>
    public static Option<string?> CreateHttpOption() => new("--http")
    {
        Description = "Also ask each open port with HTTP (GET PATH, default /; https on the TLS ports): status, redirect, Server, and the time of each phase (DNS, connect, TLS, first byte, total). A URL target (https://host/path) does it by itself",
        HelpName = "PATH",
        Arity = ArgumentArity.ZeroOrOne,
        CustomParser = result =>
        {
            if (result.Tokens.Count == 0)
            {
                return "/";
            }

            var path = result.Tokens[0].Value;
            if (!path.StartsWith('/'))
            {
                result.AddError($"--http {Printable.Quote(path)}: the path starts with '/' (write --http / or put --http after the target)");
            }

            return path;
        },
    };

    public static HttpCheck? Bind(ParseResult result, Option<string?> http, bool follow, string? status, TimeSpan timeout)
    {
        var path = result.GetResult(http) is null ? null : result.GetValue(http) ?? "/";
        if (path is null && !follow && status is null)
        {
            return null;
        }

        var accepted = status is null ? HttpCheck.DefaultAccepted : ParseStatus(status);
        return new HttpCheck(new HttpProbeOptions { Timeout = timeout, Follow = follow }, accepted, path ?? "/");
    }

    /// <summary><c>200,301-302,2xx</c>: codes, ranges and classes of 100–599.</summary>
    public static IReadOnlyList<StatusRange> ParseStatus(string text) =>
        StatusRange.TryParseList(text, out var ranges, out var error) ? ranges : throw new UsageException($"--status: {error}");
}
