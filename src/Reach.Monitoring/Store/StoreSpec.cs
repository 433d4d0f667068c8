using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Npgsql;

namespace Reach.Monitoring.Store;

/// <summary>
/// The <c>--store</c> value: <c>sqlite</c> (the default, a file in the data folder) or
/// <c>postgres://user:pass@host:port/db?sslmode=require</c> (also <c>postgresql://</c>), turned into an Npgsql
/// connection string. Errors name the bad part and never repeat the password.
/// </summary>
internal sealed record StoreSpec
{
    private static readonly Dictionary<string, SslMode> SslModes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["disable"] = SslMode.Disable,
        ["allow"] = SslMode.Allow,
        ["prefer"] = SslMode.Prefer,
        ["require"] = SslMode.Require,
        ["verify-ca"] = SslMode.VerifyCA,
        ["verify-full"] = SslMode.VerifyFull,
    };

    private StoreSpec(string? connectionString, string display)
    {
        ConnectionString = connectionString;
        Display = display;
    }

    public static StoreSpec Sqlite { get; } = new(null, "sqlite");

    /// <summary>The Npgsql connection string; null for SQLite.</summary>
    public string? ConnectionString { get; }

    public bool IsPostgres => ConnectionString is not null;

    /// <summary>The store for logs and errors: <c>postgres://reach@db1:5432/reach</c>, without the password.</summary>
    public string Display { get; }

    public override string ToString() => Display;

    public static bool TryParse(string? text, [NotNullWhen(true)] out StoreSpec? spec, [NotNullWhen(false)] out string? error)
    {
        spec = null;
        error = null;
        if (string.IsNullOrWhiteSpace(text) || string.Equals(text, "sqlite", StringComparison.OrdinalIgnoreCase))
        {
            spec = Sqlite;
            return true;
        }

        var schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
        var scheme = schemeEnd < 0 ? null : text[..schemeEnd];
        if (scheme is null || !(scheme.Equals("postgres", StringComparison.OrdinalIgnoreCase) || scheme.Equals("postgresql", StringComparison.OrdinalIgnoreCase)))
        {
            // Never echo the value: it may be a URI with a password and a typo in the scheme.
            error = "--store: not a store: use sqlite or postgres://user:password@host:port/database";
            return false;
        }

        var rest = text[(schemeEnd + 3)..];
        var query = string.Empty;
        if (rest.IndexOf('?', StringComparison.Ordinal) is var q and >= 0)
        {
            query = rest[(q + 1)..];
            rest = rest[..q];
        }

        var database = string.Empty;
        if (rest.IndexOf('/', StringComparison.Ordinal) is var slash and >= 0)
        {
            database = Unescape(rest[(slash + 1)..]);
            rest = rest[..slash];
        }

        string? user = null;
        string? password = null;
        if (rest.LastIndexOf('@') is var at and >= 0)
        {
            var userInfo = rest[..at];
            rest = rest[(at + 1)..];
            var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
            user = Unescape(colon < 0 ? userInfo : userInfo[..colon]);
            password = colon < 0 ? null : Unescape(userInfo[(colon + 1)..]);
            if (user.Length == 0)
            {
                error = "--store: the user name before '@' is empty";
                return false;
            }
        }

        if (!TrySplitHostPort(rest, out var host, out var port, out error))
        {
            return false;
        }

        if (database.Contains('/', StringComparison.Ordinal))
        {
            error = $"--store: database '{database}' contains '/'";
            return false;
        }

        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = host,
            Port = port,
            Timeout = 10,
            ApplicationName = "reach",
        };
        if (database.Length > 0)
        {
            builder.Database = database;
        }

        if (user is not null)
        {
            builder.Username = user;
        }

        if (password is not null)
        {
            builder.Password = password;
        }

        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Unescape(eq < 0 ? pair : pair[..eq]);
            var value = eq < 0 ? string.Empty : Unescape(pair[(eq + 1)..]);
            switch (key.ToLowerInvariant())
            {
                case "sslmode" when SslModes.TryGetValue(value, out var mode):
                    builder.SslMode = mode;
                    break;
                case "sslmode":
                    error = $"--store: sslmode '{value}' is not one of disable, allow, prefer, require, verify-ca, verify-full";
                    return false;
                case "connect_timeout" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds is > 0 and <= 3600:
                    builder.Timeout = seconds;
                    break;
                case "connect_timeout":
                    error = $"--store: connect_timeout '{value}' is not a number of seconds (1-3600)";
                    return false;
                case "application_name":
                    builder.ApplicationName = value;
                    break;
                default:
                    error = $"--store: unknown parameter '{key}' (known: sslmode, connect_timeout, application_name)";
                    return false;
            }
        }

        var display = $"postgres://{(user is null ? string.Empty : user + "@")}{(host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host)}:{port}/{database}";
        spec = new StoreSpec(builder.ConnectionString, display);
        return true;
    }

    private static bool TrySplitHostPort(string text, out string host, out int port, [NotNullWhen(false)] out string? error)
    {
        host = text;
        port = 5432;
        error = null;
        string? portText = null;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                error = $"--store: host '{text}' has no closing ']'";
                return false;
            }

            host = text[1..close];
            var after = text[(close + 1)..];
            if (after.Length > 0)
            {
                if (after[0] != ':')
                {
                    error = $"--store: unexpected '{after}' after host [{host}]";
                    return false;
                }

                portText = after[1..];
            }
        }
        else if (text.LastIndexOf(':') is var colon and >= 0)
        {
            host = text[..colon];
            portText = text[(colon + 1)..];
        }

        host = Unescape(host);
        if (host.Length == 0)
        {
            error = "--store: the host is missing (postgres://user:password@HOST:port/database)";
            return false;
        }

        if (portText is not null && !(int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is > 0 and <= 65535))
        {
            error = $"--store: port '{portText}' is not a number from 1 to 65535";
            return false;
        }

        return true;
    }

    private static string Unescape(string text) => Uri.UnescapeDataString(text);
}
