using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Reach.Monitoring.Store;

namespace Reach.Monitoring.Http;

/// <summary>
/// The query of <c>/api/incidents</c>: <c>open=true|false</c>, <c>check=NAME</c>, <c>limit=N</c> (1 to
/// <see cref="MaxLimit"/>, default <see cref="DefaultLimit"/>). A value it cannot read is a 400 naming it, never
/// silently the default: <c>?open=maybe</c> must not list closed incidents as if it had said nothing.
/// </summary>
internal static class IncidentsRequest
{
    public const int DefaultLimit = 1000;

    public const int MaxLimit = 10_000;

    public static bool TryParse(string? open, string? check, string? limit, [NotNullWhen(true)] out IncidentQuery? query, [NotNullWhen(false)] out string? error)
    {
        query = null;
        var count = DefaultLimit;
        if (!string.IsNullOrEmpty(limit)
            && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > MaxLimit))
        {
            error = string.Create(CultureInfo.InvariantCulture, $"limit: '{limit}' is not a whole number from 1 to {MaxLimit}");
            return false;
        }

        var openOnly = false;
        if (!string.IsNullOrEmpty(open))
        {
            switch (open.ToUpperInvariant())
            {
                case "TRUE" or "1":
                    openOnly = true;
                    break;
                case "FALSE" or "0":
                    break;
                default:
                    error = $"open: '{open}' is not true or false";
                    return false;
            }
        }

        query = new IncidentQuery(Check: string.IsNullOrEmpty(check) ? null : check, OpenOnly: openOnly, Limit: count);
        error = null;
        return true;
    }
}
